"""Run calls at the same moment from several threads, as concurrent deliveries would."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


def all_at_once(calls: Sequence[Callable[[], T]]) -> list[T]:
    """The results of the calls, each started in its own thread behind one barrier.

    An exception in any call is raised here, after every thread has finished.
    """
    start = threading.Barrier(len(calls))

    def when_all_ready(call: Callable[[], T]) -> T:
        start.wait(timeout=30)
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        futures = [pool.submit(when_all_ready, call) for call in calls]
        return [future.result(timeout=120) for future in futures]
