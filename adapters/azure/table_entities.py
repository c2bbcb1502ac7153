"""What every Azure Tables adapter shares: keys, plain entities over an injected TableClient.

Tables has no secondary index, no TTL and no conditional put beyond "create if
absent" and "replace if the ETag still matches". So every access pattern is
served by the PartitionKey/RowKey chosen for it, a list is an index entity kept
in the partition the list is read from, and expiring entities carry `expires`
(an instant key) that reads filter on. Every query pins the PartitionKey but one
(an erased pet's days: a range of its own partitions); no request path scans a table. Key parts are escaped (`key_part`), '|' separates
them; `<time>` is a reading's `instant_key` (fixed width UTC: sorts as time).
ARCHITECTURE.md ("Data model on Azure") lists every entity, what it holds and how it
is read: that table is the one description of the model.

Index entities live in another partition than their source, so they cannot
change in one transaction with it; each adapter says how its index stays right.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from azure.core import MatchConditions
from azure.core.exceptions import ResourceExistsError, ResourceModifiedError, ResourceNotFoundError
from azure.data.tables import (
    EdmType,
    EntityProperty,
    TableClient,
    TableTransactionError,
    UpdateMode,
)

from adapters.backoff import Backoff

Entity = dict[str, Any]
# Between attempts of a write that lost to a concurrent one (an ETag moved, a create collided).
pause = Backoff(base=0.01, cap=0.5).pause
# Kept readable; '%' is escaped too so that escaping cannot be ambiguous.
_SAFE = " !\"$&'()*+,-.:;<=>@[]^_`{}~"


def key_part(text: str) -> str:
    """A user-given text made safe for a key: no '/', '\\', '#', '?', '|' or control character."""
    return quote(text, safe=_SAFE)


def key(*parts: str) -> str:
    return "|".join(key_part(part) for part in parts)


def int64(value: int) -> EntityProperty:
    return EntityProperty(value, EdmType.INT64)


def whole(value: Any) -> int:
    """An integer property, whether stored as Int32 or Int64."""
    return int(value.value if isinstance(value, EntityProperty) else value)


def etag(entity: Entity) -> str:
    return str(entity.metadata["etag"])  # type: ignore[attr-defined]


def after(prefix: str) -> str:
    """The first RowKey past every key that starts with `prefix`."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


class Entities:
    """One table's entities, over an injected TableClient."""

    def __init__(self, client: TableClient) -> None:
        self.client = client

    def get(self, pk: str, rk: str) -> Entity | None:
        try:
            return self.client.get_entity(pk, rk)
        except ResourceNotFoundError:
            return None

    def put(self, entity: Entity) -> None:
        self.client.upsert_entity(entity, mode=UpdateMode.REPLACE)

    def create(self, entity: Entity) -> bool:
        """Create the entity if none has its keys; False when one has."""
        try:
            self.client.create_entity(entity)
        except ResourceExistsError:
            return False
        return True

    def replace(self, entity: Entity, expected: str) -> bool:
        """Replace the entity if it still has the ETag `expected`; False when it changed or is gone."""
        try:
            self.client.update_entity(
                entity,
                mode=UpdateMode.REPLACE,
                etag=expected,
                match_condition=MatchConditions.IfNotModified,
            )
        except (ResourceModifiedError, ResourceNotFoundError):
            return False
        return True

    def delete(self, pk: str, rk: str) -> None:
        with contextlib.suppress(ResourceNotFoundError):
            self.client.delete_entity(pk, rk)

    def partition(
        self, pk: str, prefix: str = "", where: str = "", **values: str
    ) -> Iterator[Entity]:
        """The entities of one partition whose RowKey starts with `prefix`, in RowKey order;
        `where` adds a filter on properties, with `values` as its @parameters."""
        if prefix:
            return self.between(pk, prefix, after(prefix), where, **values)
        condition = " and ".join(filter(None, ["PartitionKey eq @pk", where]))
        return self._query(condition, pk=pk, **values)

    def partitions(self, prefix: str, rk: str) -> Iterator[Entity]:
        """The entities with RowKey `rk` in every partition whose key starts with `prefix`: a
        range of partitions, not a scan of the table. Only erasure asks (a pet's days)."""
        return self._query(
            "PartitionKey ge @first and PartitionKey lt @beyond and RowKey eq @rk",
            first=prefix,
            beyond=after(prefix),
            rk=rk,
        )

    def delete_all(self, pk: str, rks: list[str]) -> None:
        """Delete entities of one partition, 100 to an entity-group transaction; a transaction
        that meets one already gone (a retry) deletes its entities one at a time instead."""
        for start in range(0, len(rks), 100):
            chunk = rks[start : start + 100]
            try:
                self.client.submit_transaction(
                    [("delete", {"PartitionKey": pk, "RowKey": rk}) for rk in chunk]
                )
            except TableTransactionError:
                for rk in chunk:
                    self.delete(pk, rk)

    def between(
        self, pk: str, first: str, beyond: str, where: str = "", **values: str
    ) -> Iterator[Entity]:
        """The entities of one partition with `first` <= RowKey < `beyond`, in RowKey order."""
        condition = " and ".join(
            filter(None, ["PartitionKey eq @pk and RowKey ge @first and RowKey lt @beyond", where])
        )
        return self._query(condition, pk=pk, first=first, beyond=beyond, **values)

    def projected(self, pk: str, first: str, beyond: str, select: list[str]) -> Iterator[Entity]:
        """`between`, each entity with its keys and the properties `select` names only: less
        to send back (the request costs the same)."""
        pages = self.client.query_entities(
            "PartitionKey eq @pk and RowKey ge @first and RowKey lt @beyond",
            parameters={"pk": pk, "first": first, "beyond": beyond},
            select=["PartitionKey", "RowKey", *select],
        )
        return iter(pages)

    def _query(self, condition: str, **values: str) -> Iterator[Entity]:
        pages = self.client.query_entities(condition, parameters=values)
        return iter(pages)
