"""Fixed-window request counts, in memory."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from application.ports.apps import RateLimiter
from domain.limits import Allowance, allowance, window_start


class InMemoryRateLimiter(RateLimiter):
    def __init__(self) -> None:
        self._counts: dict[tuple[str, datetime], int] = {}
        self._lock = threading.Lock()

    def take(self, key: str, limit: int, window: timedelta, now: datetime) -> Allowance:
        start = window_start(now, window)
        with self._lock:
            for old in [k for k in self._counts if k[1] < start]:
                del self._counts[old]
            count = self._counts[(key, start)] = self._counts.get((key, start), 0) + 1
        return allowance(count, limit, start + window, now)
