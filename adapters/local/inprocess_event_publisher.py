"""An in-process event publisher: each event is handled at once, in the caller's thread.

The handler is looked up when an event arrives (through a provider callable), so that it
may itself depend on the publisher without a cycle at wiring time.
"""

from __future__ import annotations

from collections.abc import Callable

from application.ports.messaging import DomainEvent, EventPublisher


class InProcessEventPublisher(EventPublisher):
    def __init__(self, handler: Callable[[], Callable[[DomainEvent], object]]) -> None:
        self._handler = handler

    def publish(self, event: DomainEvent) -> None:
        self._handler()(event)
