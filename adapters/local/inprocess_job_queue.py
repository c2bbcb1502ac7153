"""An in-process job queue: each job is run at once, in the caller's thread (a delayed one,
a webhook message tried again, on a timer's thread).

The worker is looked up when a job arrives (through a provider callable), so
that it may itself depend on the queue without a cycle at wiring time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from application.ports.messaging import Job, JobQueue


class InProcessJobQueue(JobQueue):
    def __init__(self, worker: Callable[[], Callable[[Job], object]]) -> None:
        self._worker = worker

    def enqueue(self, job: Job) -> None:
        delay = getattr(job, "delay_seconds", 0)
        if not delay:
            self._worker()(job)
            return
        later = threading.Timer(delay, self._worker(), (job,))
        later.daemon = True  # a laptop's retries die with its process
        later.start()
