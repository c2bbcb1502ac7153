"""The quarantine in Tables: each entry in its tracker's partition and, copied, in one list of all.

Both are created only if absent (the id is a hash of tracker and payload, so
keeping it again changes nothing); a crash between the two is made good when the
reading is quarantined again. Tables has no TTL: reads leave out entries whose
`expires` has passed, and an expired entry is replaced when its id is kept again.
Expired entities stay until a purge deletes them (not part of this adapter).
"""

from __future__ import annotations

from datetime import datetime

from azure.data.tables import TableClient

from adapters.azure.table_entities import Entities, Entity, etag, key
from application.ports.quarantine import QuarantineStore
from domain.clockwork import instant_from_key, instant_key
from domain.quarantine import QuarantinedReading

ALL = "QUARANTINE"


class TableQuarantineStore(QuarantineStore):
    def __init__(self, table_client: TableClient) -> None:
        self._entities = Entities(table_client)

    def keep(self, entry: QuarantinedReading) -> None:
        for pk in (key("QUARANTINE", entry.tracker), ALL):
            self._keep_in(pk, entry)

    def list(self, now: datetime, tracker: str | None = None) -> list[QuarantinedReading]:
        pk = ALL if tracker is None else key("QUARANTINE", tracker)
        entities = self._entities.partition(pk, "ENTRY|", "expires gt @now", now=instant_key(now))
        return sorted(map(_entry, entities), key=lambda entry: (entry.received_at, entry.id))

    def purge(self, now: datetime) -> int:
        """Tables has no TTL: the purge timer deletes expired entries, the tracker's copy first."""
        expired = list(
            self._entities.partition(ALL, "ENTRY|", "expires le @now", now=instant_key(now))
        )
        for entity in expired:
            self._entities.delete(key("QUARANTINE", entity["tracker"]), entity["RowKey"])
            self._entities.delete(ALL, entity["RowKey"])
        return len(expired)

    def forget(self, tracker: str) -> None:
        """Each entry's copy in the list of all, then the tracker's own (which finds the copy)."""
        for entity in list(self._entities.partition(key("QUARANTINE", tracker), "ENTRY|")):
            self._entities.delete(ALL, entity["RowKey"])
            self._entities.delete(entity["PartitionKey"], entity["RowKey"])

    def _keep_in(self, pk: str, entry: QuarantinedReading) -> None:
        entity = _entity(pk, entry)
        if self._entities.create(entity):
            return
        stored = self._entities.get(pk, entity["RowKey"])
        if stored is not None and stored["expires"] <= instant_key(entry.received_at):
            self._entities.replace(entity, etag(stored))  # lost to a concurrent keep: theirs stands


def _entity(pk: str, entry: QuarantinedReading) -> Entity:
    entity: Entity = {
        "PartitionKey": pk,
        "RowKey": key("ENTRY", entry.id),
        "id": entry.id,
        "tracker": entry.tracker,
        "payload": entry.payload,
        "reason": entry.reason,
        "received": instant_key(entry.received_at),
        "expires": instant_key(entry.expires_at),
    }
    if entry.field is not None:
        entity["field"] = entry.field
    return entity


def _entry(entity: Entity) -> QuarantinedReading:
    return QuarantinedReading(
        id=entity["id"],
        tracker=entity["tracker"],
        payload=entity["payload"],
        reason=entity["reason"],
        field=entity.get("field"),
        received_at=instant_from_key(entity["received"]),
        expires_at=instant_from_key(entity["expires"]),
    )
