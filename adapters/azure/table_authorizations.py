"""What the authorization server keeps, in Tables: pending authorizations, codes and tokens as
`OAUTH|<kind>|<key>` entities with an expiry (filtered on read: Tables has no TTL); a take
claims the entity under its ETag, so of concurrent takers one gets it. Connections live in the
owner's partition (`APPLINK|<app>`)."""

from __future__ import annotations

from datetime import UTC, datetime

from azure.data.tables import TableClient

from adapters.app_platform_codec import (
    code_doc,
    code_of,
    connection_doc,
    connection_of,
    pending_doc,
    pending_of,
    token_doc,
    token_of,
)
from adapters.azure.table_entities import Entities, etag, key
from application.ports.apps import Authorizations, IssuedCode, IssuedToken, PendingAuthorization
from domain.apps import Connection


class TableAuthorizations(Authorizations):
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

    def hold(self, pending: PendingAuthorization) -> None:
        self._put("pending", pending.id, pending.expires, pending_doc(pending))

    def pending(self, pending_id: str, now: datetime) -> PendingAuthorization | None:
        doc = self._get("pending", pending_id, now)
        return pending_of(doc) if doc else None

    def forget(self, pending_id: str) -> bool:
        return self._take("pending", pending_id, datetime.min.replace(tzinfo=UTC)) is not None

    def put_code(self, code: IssuedCode) -> None:
        self._put("code", code.digest, code.expires, code_doc(code))

    def take_code(self, digest: str, now: datetime) -> IssuedCode | None:
        doc = self._take("code", digest, now)
        return code_of(doc) if doc else None

    def put_token(self, token: IssuedToken) -> None:
        self._put(token.kind, token.digest, token.expires, token_doc(token))

    def token(self, digest: str, kind: str, now: datetime) -> IssuedToken | None:
        doc = self._get(kind, digest, now)
        return token_of(doc) if doc else None

    def take_token(self, digest: str, kind: str, now: datetime) -> IssuedToken | None:
        doc = self._take(kind, digest, now)
        return token_of(doc) if doc else None

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
