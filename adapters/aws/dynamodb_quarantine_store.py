"""The quarantine in DynamoDB: one item per entry id, deleted by TTL after its expiry.

TTL deletes within days of the expiry, not at it, so reads leave out what has
expired, and keeping an id whose entry has expired replaces that entry.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from adapters.aws.dynamodb_items import Item, Items, epoch_seconds
from application.ports.quarantine import QuarantineStore
from domain.clockwork import instant_from_key, instant_key
from domain.quarantine import QuarantinedReading

ALL = "QUARANTINE"


class DynamoDBQuarantineStore(QuarantineStore):
    def __init__(self, client: Any, table: str) -> None:
        self._items = Items(client, table)

    def keep(self, entry: QuarantinedReading) -> None:
        self._items.put_new(
            _item(entry),
            or_if="expires <= :received",
            ExpressionAttributeValues={":received": {"S": instant_key(entry.received_at)}},
        )

    def list(self, now: datetime, tracker: str | None = None) -> list[QuarantinedReading]:
        """One tracker's from its partition (consistent); all from the index, oldest first."""
        if tracker is None:
            items = self._items.partition(ALL, index="gsi1")
        else:
            items = self._items.partition(f"QUARANTINE#{tracker}", "ENTRY#")
        kept = (entry for entry in map(_entry, items) if entry.expires_at > now)
        return sorted(kept, key=lambda entry: (entry.received_at, entry.id))

    def purge(self, now: datetime) -> int:
        """TTL deletes expired entries within days; this deletes them at once (a scheduled job's work)."""
        expired = [
            e for e in map(_entry, self._items.partition(ALL, index="gsi1")) if e.expires_at <= now
        ]
        for entry in expired:
            self._items.delete(f"QUARANTINE#{entry.tracker}", f"ENTRY#{entry.id}")
        return len(expired)

    def forget(self, tracker: str) -> None:
        """Its partition, expired entries included: one Query, then BatchWriteItem deletes."""
        entries = self._items.partition(f"QUARANTINE#{tracker}")
        self._items.batch_delete([(item["pk"], item["sk"]) for item in entries])


def _item(entry: QuarantinedReading) -> Item:
    received = instant_key(entry.received_at)
    return {
        "pk": f"QUARANTINE#{entry.tracker}",
        "sk": f"ENTRY#{entry.id}",
        "gsi1pk": ALL,
        "gsi1sk": f"{received}#{entry.id}",
        "id": entry.id,
        "tracker": entry.tracker,
        "payload": entry.payload,
        "reason": entry.reason,
        "field": entry.field,
        "received": received,
        "expires": instant_key(entry.expires_at),
        "expires_at": epoch_seconds(entry.expires_at),
    }


def _entry(item: Item) -> QuarantinedReading:
    return QuarantinedReading(
        id=item["id"],
        tracker=item["tracker"],
        payload=item["payload"],
        reason=item["reason"],
        field=item.get("field"),
        received_at=instant_from_key(item["received"]),
        expires_at=instant_from_key(item["expires"]),
    )
