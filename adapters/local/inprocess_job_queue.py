"""An in-process job queue: each job is run at once, in the caller's thread.

The worker is looked up when a job arrives (through a provider callable), so
that it may itself depend on the queue without a cycle at wiring time.
"""

from __future__ import annotations

from collections.abc import Callable

from application.ports.messaging import Job, JobQueue


class InProcessJobQueue(JobQueue):
    def __init__(self, worker: Callable[[], Callable[[Job], object]]) -> None:
        self._worker = worker

    def enqueue(self, job: Job) -> None:
        self._worker()(job)
