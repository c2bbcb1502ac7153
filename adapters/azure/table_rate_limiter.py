"""Fixed-window request counts in Tables, which has no atomic increment: the window's entity
is created, or replaced under its ETag with one more (again on a lost race). Two requests a
request counted (a read and a write); Tables bills requests, not sizes."""

from __future__ import annotations

from datetime import datetime, timedelta

from azure.data.tables import TableClient

from adapters.azure.table_entities import Entities, etag, key, whole
from application.ports.apps import RateLimiter
from domain.limits import Allowance, allowance, window_start

MAX_ATTEMPTS = 10


class TableRateLimiter(RateLimiter):
    def __init__(self, table_client: TableClient) -> None:
        self._entities = Entities(table_client)

    def take(self, name: str, limit: int, window: timedelta, now: datetime) -> Allowance:
        start = window_start(now, window)
        pk, rk = key("RATE", name), start.isoformat()
        for _ in range(MAX_ATTEMPTS):
            found = self._entities.get(pk, rk)
            if found is None:
                if self._entities.create({"PartitionKey": pk, "RowKey": rk, "n": 1}):
                    return allowance(1, limit, start + window, now)
                continue
            count = whole(found["n"]) + 1
            if self._entities.replace({"PartitionKey": pk, "RowKey": rk, "n": count}, etag(found)):
                return allowance(count, limit, start + window, now)
        raise RuntimeError(f"the request count of {name!r} kept changing")
