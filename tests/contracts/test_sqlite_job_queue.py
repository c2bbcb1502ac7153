"""The laptop's job queue beyond the contract: a delayed job outlives a restart, runs once
though two timers look for it, and one that keeps failing is retried, then parked."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from adapters.local.settable_clock import SettableClock
from adapters.local.sqlite_db import SqliteDatabase
from adapters.local.sqlite_job_queue import LEASE
from application.messages.jobs import MAX_JOB_ATTEMPTS
from application.ports.messaging import DeliverWebhook, Job
from domain.apps import Change, ChangeKind, WebhookMessage

from .harnesses.messaging import SqliteJobQueueHarness

NOW = datetime(2026, 11, 20, 8, tzinfo=UTC)
MESSAGE = WebhookMessage.of(
    "vetbook", Change(ChangeKind.ACTIVITY, "alice", "rex", date(2026, 11, 20)), NOW
)
RETRY = DeliverWebhook(MESSAGE, delay_seconds=30)


def harness(tmp_path: Path) -> SqliteJobQueueHarness:
    return SqliteJobQueueHarness(SqliteDatabase(tmp_path / "pawtrack.db"), SettableClock(NOW))


def test_a_delayed_job_outlives_a_restart(tmp_path: Path) -> None:
    jobs = harness(tmp_path)
    received: list[Job] = []
    jobs.worker = received.append
    jobs.queue.enqueue(RETRY)
    jobs.queue = jobs.restarted()
    jobs.pass_time(31)
    jobs.drain()
    assert [job.message for job in received if isinstance(job, DeliverWebhook)] == [MESSAGE]
    jobs.pass_time(LEASE.total_seconds() + 1)
    jobs.drain()  # run and deleted: not again
    assert len(received) == 1


def test_two_timers_run_a_due_job_once(tmp_path: Path) -> None:
    jobs = harness(tmp_path)
    received: list[Job] = []
    lock = threading.Lock()

    def worker(job: Job) -> None:
        with lock:
            received.append(job)

    jobs.worker = worker
    for _ in range(20):
        jobs.queue.enqueue(RETRY)
    jobs.pass_time(31)
    other = jobs.restarted()  # another thread's, or another process's, queue on the file
    timers = [threading.Thread(target=queue.run_due) for queue in (jobs.queue, other)]
    for timer in timers:
        timer.start()
    for timer in timers:
        timer.join()
    assert len(received) == 20


def test_a_failing_due_job_is_told_retried_after_its_lease_then_parked(tmp_path: Path) -> None:
    jobs = harness(tmp_path)
    tries: list[Job] = []

    def failing(job: Job) -> None:
        tries.append(job)
        raise ConnectionError("the database is away")

    jobs.worker = failing
    jobs.queue.enqueue(RETRY)
    jobs.pass_time(31)
    first = jobs.queue.run_due()
    assert [(failure.attempt, failure.reason) for failure in first] == [(1, "ConnectionError")]
    assert jobs.queue.run_due() == []  # leased: not again at once
    for attempt in range(2, MAX_JOB_ATTEMPTS + 1):
        jobs.pass_time(LEASE.total_seconds())
        assert [failure.attempt for failure in jobs.queue.run_due()] == [attempt]
    jobs.pass_time(timedelta(days=2).total_seconds())
    assert jobs.queue.run_due() == []  # parked, kept in the table
    assert len(tries) == MAX_JOB_ATTEMPTS
    parked = jobs.db.read("SELECT attempts, due_at FROM delayed_jobs")
    assert [(row["attempts"], row["due_at"]) for row in parked] == [(MAX_JOB_ATTEMPTS, None)]
