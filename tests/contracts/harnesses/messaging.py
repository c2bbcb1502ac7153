"""Contract-test harness: events and jobs as their subscribers and workers receive them."""

from __future__ import annotations

import abc
from collections.abc import Callable
from typing import Any

from adapters.local.inprocess_event_publisher import InProcessEventPublisher
from adapters.local.inprocess_job_queue import InProcessJobQueue
from application.ports.messaging import DomainEvent, EventPublisher, Job, JobQueue

# Messaging: what a publisher or queue hands on is seen by the handlers that receive it.

Handler = Callable[[Any], object]


class EventBusHarness(abc.ABC):
    """An EventPublisher and its subscribers; a broker-backed one delivers on `drain`."""

    publisher: EventPublisher
    # Tests replace the list; the adapter must look it up at delivery, not keep the first one.
    subscribers: list[Handler]

    @abc.abstractmethod
    def drain(self) -> None:
        """Deliver what was published and not delivered yet, as the consumer's poll would."""


class InProcessEventPublisherHarness(EventBusHarness):
    def __init__(self) -> None:
        self.subscribers = []
        self.publisher = InProcessEventPublisher(lambda: self._to_every_subscriber)

    def _to_every_subscriber(self, event: DomainEvent) -> None:
        for subscriber in list(self.subscribers):
            subscriber(event)

    def drain(self) -> None:
        """Nothing is left: the bus delivered while publishing."""


def no_worker(job: Job) -> None:
    raise AssertionError(f"no worker was set to receive {job}")


class JobQueueHarness(abc.ABC):
    """A JobQueue and its worker; a broker-backed one delivers on `drain`."""

    queue: JobQueue
    # Tests replace the worker; the adapter must look it up at delivery, not keep the first one.
    worker: Handler

    @abc.abstractmethod
    def drain(self) -> None:
        """Deliver what was queued and not delivered yet, as the consumer's poll would."""


class InProcessJobQueueHarness(JobQueueHarness):
    def __init__(self) -> None:
        self.worker = no_worker
        self.queue = InProcessJobQueue(lambda: self.worker)

    def drain(self) -> None:
        """Nothing is left: the queue delivered while enqueueing."""
