"""An in-process event bus and job queue: each message is handled at once, in the caller's thread.

Handlers are looked up when a message arrives (through a provider callable), so
that a handler may itself depend on the bus or queue without a cycle at wiring time.
"""

from __future__ import annotations

from collections.abc import Callable

from application.ports.messaging import DomainEvent, EventPublisher, Job, JobQueue


class InProcessEventBus(EventPublisher):
    def __init__(self, subscribers: Callable[[], list[Callable[[DomainEvent], object]]]) -> None:
        self._subscribers = subscribers

    def publish(self, event: DomainEvent) -> None:
        for subscriber in self._subscribers():
            subscriber(event)


class InProcessJobQueue(JobQueue):
    def __init__(self, worker: Callable[[], Callable[[Job], object]]) -> None:
        self._worker = worker

    def enqueue(self, job: Job) -> None:
        self._worker()(job)
