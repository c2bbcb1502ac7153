"""What the authorization server keeps, in DynamoDB: pending authorizations, codes and tokens
as `OAUTH#<kind>#<key>` items with a TTL (expired ones are filtered on read, since TTL deletes
late); a take is one DeleteItem returning the old item, so of concurrent takers one gets it.
Connections live in the owner's partition (`APPLINK#<app>`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from adapters.app_platform_codec import (
    connection_doc,
    connection_of,
)
from adapters.aws.dynamodb_items import Items, epoch_seconds, key, plain
from adapters.oauth_records import OAuthRecords
from domain.apps import Connection


class DynamoDBAuthorizations(OAuthRecords):
    def __init__(self, client: Any, table: str) -> None:
        self._items = Items(client, table)

    def _put(self, kind: str, name: str, expires: datetime, doc: str) -> None:
        self._items.put(
            {
                "pk": f"OAUTH#{kind}#{name}",
                "sk": "OAUTH",
                "doc": doc,
                "expires": expires.isoformat(),
                "expires_at": epoch_seconds(expires),
            }
        )

    def _get(self, kind: str, name: str, now: datetime) -> str | None:
        item = self._items.get(f"OAUTH#{kind}#{name}", "OAUTH")
        return str(item["doc"]) if item and item["expires"] > now.isoformat() else None

    def _take(self, kind: str, name: str, now: datetime) -> str | None:
        answer = self._items.client.delete_item(
            TableName=self._items.table,
            Key=key(f"OAUTH#{kind}#{name}", "OAUTH"),
            ReturnValues="ALL_OLD",
        )
        item = plain(answer["Attributes"]) if "Attributes" in answer else None
        return str(item["doc"]) if item and item["expires"] > now.isoformat() else None

    def connect(self, connection: Connection) -> None:
        self._items.put(
            {
                "pk": f"OWNER#{connection.owner_id}",
                "sk": f"APPLINK#{connection.app_id}",
                "doc": connection_doc(connection),
            }
        )

    def connection(self, owner_id: str, app_id: str) -> Connection | None:
        item = self._items.get(f"OWNER#{owner_id}", f"APPLINK#{app_id}")
        return connection_of(item["doc"]) if item else None

    def disconnect(self, owner_id: str, app_id: str) -> None:
        ended = self.connection(owner_id, app_id)
        if ended is not None:  # its tokens first: a retry finds the connection again
            keys = [(f"OAUTH#{kind}#{d}", "OAUTH") for kind, _, d in _split(ended.tokens)]
            self._items.batch_delete(keys)
        self._items.delete(f"OWNER#{owner_id}", f"APPLINK#{app_id}")


def _split(tokens: tuple[str, ...]) -> list[tuple[str, str, str]]:
    return [token.partition(":") for token in tokens]
