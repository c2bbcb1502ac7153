"""An in-process event publisher: each event is handled at once, in the caller's thread.

Subscribers are looked up when an event arrives (through a provider callable), so
that a subscriber may itself depend on the publisher without a cycle at wiring time.
"""

from __future__ import annotations

from collections.abc import Callable

from application.ports.messaging import DomainEvent, EventPublisher


class InProcessEventPublisher(EventPublisher):
    def __init__(self, subscribers: Callable[[], list[Callable[[DomainEvent], object]]]) -> None:
        self._subscribers = subscribers

    def publish(self, event: DomainEvent) -> None:
        for subscriber in self._subscribers():
            subscriber(event)
