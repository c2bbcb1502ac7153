"""Announcements made once, in Tables: a claim is an entity created only if absent.

Tables has no TTL, so a claim carries `expires` (120 days on: by then no delivery
can bring its announcement back, as readings older than 90 days are refused); a
claim past it counts as absent and is taken over under its ETag, so of
concurrent claimants exactly one wins it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from azure.data.tables import TableClient

from adapters.azure.table_entities import Entities, Entity, etag
from adapters.azure.table_entities import key as compose
from application.ports.notifications import AnnouncementLog
from domain.clockwork import instant_key

KEPT_FOR = timedelta(days=120)


class TableAnnouncementLog(AnnouncementLog):
    def __init__(self, table_client: TableClient) -> None:
        self._entities = Entities(table_client)

    def claim(self, key: str) -> bool:
        now = datetime.now(UTC)
        claim = _claim(key, now)
        if self._entities.create(claim):
            return True
        stored = self._entities.get(claim["PartitionKey"], "CLAIM")
        if stored is None:  # released meanwhile: try once more, as a first claimant would
            return self._entities.create(claim)
        if stored["expires"] > instant_key(now):
            return False
        return self._entities.replace(claim, etag(stored))

    def release(self, key: str) -> None:
        self._entities.delete(compose("ANNOUNCEMENT", key), "CLAIM")


def _claim(key: str, now: datetime) -> Entity:
    return {
        "PartitionKey": compose("ANNOUNCEMENT", key),
        "RowKey": "CLAIM",
        "expires": instant_key(now + KEPT_FOR),
    }
