"""The laptop's job queue: a job is run at once, in the caller's thread; a delayed one (a webhook
message tried again) is kept in SQLite until its time, so that a restart loses no retry, and
is run by `run_due`, which the local server's timer calls (as SQS and Storage Queues hold a
delayed message back until its time).

A due job is claimed for LEASE (its time moved on, in the same write that finds it), run, then
deleted: a process that dies in between leaves it to run again once the lease is over (at least
once; webhook receivers deduplicate by webhook-id). A job that failed MAX_JOB_ATTEMPTS times is
parked (no time, kept in the table), as the clouds' queues move it to their dead letters.

The worker is looked up when a job runs (through a provider callable), so that it may itself
depend on the queue without a cycle at wiring time.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from adapters.local.sqlite_db import SqliteDatabase
from application.messages.jobs import MAX_JOB_ATTEMPTS, job_from_message, job_to_message
from application.ports.clock import Clock
from application.ports.messaging import DueJobFailure, Job, JobQueue

LEASE = timedelta(minutes=5)
RUN_AT_MOST = 100  # due jobs one call runs; the rest wait for the next tick


def _stamp(moment: datetime) -> str:
    """A time that sorts as text: UTC, always with microseconds."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


class SqliteJobQueue(JobQueue):
    def __init__(
        self, db: SqliteDatabase, clock: Clock, worker: Callable[[], Callable[[Job], object]]
    ) -> None:
        self._db, self._clock, self._worker = db, clock, worker

    def enqueue(self, job: Job) -> None:
        delay = getattr(job, "delay_seconds", 0)
        if not delay:
            self._worker()(job)
            return
        due = self._clock.now() + timedelta(seconds=delay)
        self._db.run(
            "INSERT INTO delayed_jobs (id, due_at, attempts, body) VALUES (?, ?, 0, ?)",
            (uuid.uuid4().hex, _stamp(due), job_to_message(job)),
        )

    def run_due(self) -> list[DueJobFailure]:
        now = self._clock.now()
        with self._db.write() as connection:
            claimed = connection.execute(
                "UPDATE delayed_jobs SET due_at = ?, attempts = attempts + 1 WHERE id IN"
                " (SELECT id FROM delayed_jobs WHERE due_at <= ? ORDER BY due_at LIMIT ?)"
                " RETURNING id, attempts, body",
                (_stamp(now + LEASE), _stamp(now), RUN_AT_MOST),
            ).fetchall()
        failures = []
        for row in claimed:
            try:
                self._worker()(job_from_message(row["body"]))
            except Exception as error:  # noqa: BLE001 (told to the caller, the job kept)
                failures.append(DueJobFailure(row["id"], row["attempts"], type(error).__name__))
                if row["attempts"] >= MAX_JOB_ATTEMPTS:
                    self._db.run("UPDATE delayed_jobs SET due_at = NULL WHERE id = ?", (row["id"],))
            else:
                self._db.run("DELETE FROM delayed_jobs WHERE id = ?", (row["id"],))
        return failures
