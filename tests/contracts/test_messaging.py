"""EventPublisher and JobQueue: every message reaches its handlers, and a failure is not lost.

What is handed on is delivered by `drain` (see harnesses.py): nothing to do for the
in-process bus and queue, a consumer's poll for a broker (SQS, EventBridge, Storage
Queue). A handler's failure reaches whoever can retry: the publisher or enqueuer
in process (so intake releases its claim), the consumer's poll for a broker.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from typing import Any

import pytest

from application.ports.messaging import DeliverWebhook, DomainEvent, ProcessBundle
from domain.announcements import ActivityUpdated, BatteryLow, GoalReached, LeftSafeZone
from domain.apps import Change, ChangeKind, WebhookMessage

from .harnesses.messaging import EventBusHarness, JobQueueHarness

DAY = date(2026, 11, 20)
GOAL = GoalReached("alice", "rex", "Rex", DAY, 8000)
BATTERY = BatteryLow("alice", "rex", "Rex", "T-1", 9, "2026-11-20T08:00:00Z")
ACTIVITY = ActivityUpdated("alice", "rex", DAY, 8200)
LEFT = LeftSafeZone("alice", "rex", "Rex", "2026-11-20T08:10:00Z")
PLACED = ActivityUpdated("alice", "rex", DAY, 8300, "2026-11-20T08:10:00Z", 52.53, 13.405)


class HandlerFailed(Exception):
    pass


class Recorder:
    """A handler that keeps what it received, or fails on it when told to."""

    def __init__(self, failing: bool = False) -> None:
        self.received: list[Any] = []
        self.failing = failing

    def __call__(self, message: Any) -> None:
        self.received.append(message)
        if self.failing:
            raise HandlerFailed(f"could not handle {message}")


def publish(events: EventBusHarness, event: DomainEvent) -> None:
    events.publisher.publish(event)
    events.drain()


def enqueue(jobs: JobQueueHarness, job: ProcessBundle) -> None:
    jobs.queue.enqueue(job)
    jobs.drain()


def test_each_event_reaches_every_subscriber_once(events: EventBusHarness) -> None:
    """Once each, in any order: queues and event buses in the clouds promise no order."""
    push, live = Recorder(), Recorder()
    events.subscribers = [push, live]
    for event in (GOAL, BATTERY, ACTIVITY, LEFT, PLACED):
        publish(events, event)
    assert Counter(push.received) == Counter([GOAL, BATTERY, ACTIVITY, LEFT, PLACED])
    assert Counter(live.received) == Counter([GOAL, BATTERY, ACTIVITY, LEFT, PLACED])


def test_an_event_published_twice_arrives_twice(events: EventBusHarness) -> None:
    subscriber = Recorder()
    events.subscribers = [subscriber]
    publish(events, ACTIVITY)
    publish(events, ACTIVITY)
    assert subscriber.received == [ACTIVITY, ACTIVITY]


def test_an_event_without_subscribers_is_handed_on_without_error(events: EventBusHarness) -> None:
    publish(events, GOAL)
    later = Recorder()
    events.subscribers = [later]
    publish(events, BATTERY)
    assert later.received == [BATTERY]


def test_a_subscribers_failure_reaches_the_publisher(events: EventBusHarness) -> None:
    events.subscribers = [Recorder(failing=True)]
    with pytest.raises(HandlerFailed):
        publish(events, GOAL)


def test_after_a_failure_the_next_event_is_delivered(events: EventBusHarness) -> None:
    failing, healthy = Recorder(failing=True), Recorder()
    events.subscribers = [failing]
    with pytest.raises(HandlerFailed):
        publish(events, GOAL)
    events.subscribers = [healthy]
    publish(events, BATTERY)
    assert healthy.received == [BATTERY]
    assert failing.received[-1] == GOAL


def test_subscribers_are_looked_up_when_an_event_is_delivered(events: EventBusHarness) -> None:
    first, second = Recorder(), Recorder()
    events.subscribers = [first]
    publish(events, GOAL)
    events.subscribers = [second, first]
    publish(events, BATTERY)
    events.subscribers = []
    publish(events, ACTIVITY)
    assert first.received == [GOAL, BATTERY]
    assert second.received == [BATTERY]


def test_each_job_reaches_the_worker_once(jobs: JobQueueHarness) -> None:
    worker = Recorder()
    jobs.worker = worker
    enqueue(jobs, ProcessBundle("bundle-1"))
    enqueue(jobs, ProcessBundle("bundle-2"))
    assert Counter(worker.received) == Counter(
        [ProcessBundle("bundle-1"), ProcessBundle("bundle-2")]
    )


def test_a_workers_failure_reaches_the_enqueuer(jobs: JobQueueHarness) -> None:
    jobs.worker = Recorder(failing=True)
    with pytest.raises(HandlerFailed):
        enqueue(jobs, ProcessBundle("bundle-1"))
    healthy = Recorder()
    jobs.worker = healthy
    enqueue(jobs, ProcessBundle("bundle-2"))
    assert healthy.received == [ProcessBundle("bundle-2")]


def test_the_worker_is_looked_up_when_a_job_is_delivered(jobs: JobQueueHarness) -> None:
    first, second = Recorder(), Recorder()
    jobs.worker = first
    enqueue(jobs, ProcessBundle("bundle-1"))
    jobs.worker = second
    enqueue(jobs, ProcessBundle("bundle-2"))
    assert first.received == [ProcessBundle("bundle-1")]
    assert second.received == [ProcessBundle("bundle-2")]


def test_a_delayed_job_waits_for_its_time(jobs: JobQueueHarness) -> None:
    """A webhook message tried again waits its backoff: not delivered before, delivered after."""
    worker = Recorder()
    jobs.worker = worker
    message = WebhookMessage.of(
        "vetbook",
        Change(ChangeKind.ACTIVITY, "alice", "rex", DAY),
        datetime(2026, 11, 20, 8, tzinfo=UTC),
    )
    jobs.queue.enqueue(DeliverWebhook(message, delay_seconds=2))
    jobs.drain()
    assert worker.received == []
    jobs.pass_time(3)
    jobs.drain()
    assert [job.message for job in worker.received] == [message]
