"""What the authorization server keeps, in Tables: pending authorizations, codes and tokens as
`OAUTH|<kind>|<key>` entities with an expiry (filtered on read: Tables has no TTL); a take
claims the entity under its ETag, so of concurrent takers one gets it. Connections live in the
owner's partition (`APPLINK|<app>`)."""

from __future__ import annotations

from datetime import datetime

from azure.data.tables import TableClient

from adapters.app_platform_codec import (
    connection_doc,
    connection_of,
)
from adapters.azure.table_entities import Entities, etag, key
from adapters.oauth_records import OAuthRecords
from domain.apps import Connection


class TableAuthorizations(OAuthRecords):
    def __init__(self, table_client: TableClient) -> None:
        self._entities = Entities(table_client)

    def _put(self, kind: str, name: str, expires: datetime, doc: str) -> None:
        pk = key("OAUTH", kind, name)
        self._entities.put(
            {"PartitionKey": pk, "RowKey": "OAUTH", "doc": doc, "expires": expires.isoformat()}
        )

    def _get(self, kind: str, name: str, now: datetime) -> str | None:
        entity = self._entities.get(key("OAUTH", kind, name), "OAUTH")
        return str(entity["doc"]) if entity and entity["expires"] > now.isoformat() else None

    def _take(self, kind: str, name: str, now: datetime) -> str | None:
        """Claimed by a replace under the entity's ETag (a delete does not say whether it found
        the entity: the SDK answers a missing one as deleted), then deleted."""
        pk = key("OAUTH", kind, name)
        entity = self._entities.get(pk, "OAUTH")
        if entity is None or entity.get("taken"):
            return None
        claimed = {"PartitionKey": pk, "RowKey": "OAUTH", "expires": "", "doc": "", "taken": True}
        if not self._entities.replace(claimed, etag(entity)):
            return None  # another taker won
        self._entities.delete(pk, "OAUTH")
        return str(entity["doc"]) if entity["expires"] > now.isoformat() else None

    def connect(self, connection: Connection) -> None:
        self._entities.put(
            {
                "PartitionKey": key("OWNER", connection.owner_id),
                "RowKey": key("APPLINK", connection.app_id),
                "doc": connection_doc(connection),
            }
        )

    def connection(self, owner_id: str, app_id: str) -> Connection | None:
        entity = self._entities.get(key("OWNER", owner_id), key("APPLINK", app_id))
        return connection_of(entity["doc"]) if entity else None

    def disconnect(self, owner_id: str, app_id: str) -> None:
        ended = self.connection(owner_id, app_id)
        for token in ended.tokens if ended else ():  # its tokens first: a retry finds it again
            kind, _, digest = token.partition(":")
            self._entities.delete(key("OAUTH", kind, digest), "OAUTH")
        self._entities.delete(key("OWNER", owner_id), key("APPLINK", app_id))
