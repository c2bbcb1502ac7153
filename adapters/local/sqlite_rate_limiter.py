"""Fixed-window request counts in SQLite: one upsert that adds one and returns the count."""

from __future__ import annotations

from datetime import datetime, timedelta

from adapters.local.sqlite_db import SqliteDatabase
from application.ports.apps import RateLimiter
from domain.limits import Allowance, allowance, window_start


class SqliteRateLimiter(RateLimiter):
    def __init__(self, db: SqliteDatabase) -> None:
        self._db = db

    def take(self, key: str, limit: int, window: timedelta, now: datetime) -> Allowance:
        start = window_start(now, window)
        with self._db.write() as connection:
            connection.execute("DELETE FROM rate_windows WHERE window < ?", (start.isoformat(),))
            row = connection.execute(
                "INSERT INTO rate_windows (key, window, count) VALUES (?, ?, 1)"
                " ON CONFLICT (key, window) DO UPDATE SET count = count + 1 RETURNING count",
                (key, start.isoformat()),
            ).fetchone()
        return allowance(int(row["count"]), limit, start + window, now)
