"""Contract-test harness: events and jobs as their subscribers and workers receive them."""

from __future__ import annotations

import abc
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from adapters.local.inprocess_event_publisher import InProcessEventPublisher
from adapters.local.inprocess_job_queue import InProcessJobQueue
from adapters.local.settable_clock import SettableClock
from adapters.local.sqlite_db import SqliteDatabase
from adapters.local.sqlite_job_queue import SqliteJobQueue
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

    def pass_time(self, seconds: float) -> None:
        """Let `seconds` go by, as a delayed job's wait does: real time for a broker's queue
        (SQS and Storage Queues hold a message back by their own clocks), and a timer's."""
        time.sleep(seconds)


class InProcessJobQueueHarness(JobQueueHarness):
    def __init__(self) -> None:
        self.worker = no_worker
        self.queue = InProcessJobQueue(lambda: self.worker)

    def drain(self) -> None:
        """Nothing is left: the queue delivered while enqueueing."""


class SqliteJobQueueHarness(JobQueueHarness):
    """The laptop's queue: delayed jobs wait in the database on the business clock, and `drain`
    is the local server's timer running the due ones."""

    def __init__(self, db: SqliteDatabase, clock: SettableClock) -> None:
        self.worker, self.clock, self.db = no_worker, clock, db
        self.queue = self.restarted()

    def restarted(self) -> SqliteJobQueue:
        """A new queue on the same database, as after the server's restart."""
        return SqliteJobQueue(self.db, self.clock, lambda: self.worker)

    def drain(self) -> None:
        failures = self.queue.run_due()
        if failures:
            raise AssertionError(f"due jobs failed: {failures}")

    def pass_time(self, seconds: float) -> None:
        self.clock.advance(timedelta(seconds=seconds))
