"""Who may call in, in DynamoDB: owners' grants (in the owner's partition), API keys, app records.

API keys are stored as their record only (prefix, digest, purpose, name,
revoked): the plaintext is never written anywhere.
"""

from __future__ import annotations

from typing import Any

from adapters.aws.dynamodb_items import Item, Items
from application.ports.access import GrantRepository
from application.ports.api_keys import ApiKeyRepository
from domain.access import App, Grant, Scope
from domain.api_keys import ApiKey, Purpose
from domain.errors import Conflict


class DynamoDBAppRecords:
    """The apps the identity provider registered, by client id (for the Cognito app registry)."""

    def __init__(self, client: Any, table: str) -> None:
        self._items = Items(client, table)

    def put(self, app: App) -> None:
        self._items.put({"pk": f"APP#{app.id}", "sk": "APP", "id": app.id, "name": app.name})

    def get(self, app_id: str) -> App | None:
        item = self._items.get(f"APP#{app_id}", "APP")
        return App(item["id"], item["name"]) if item else None


class DynamoDBGrantRepository(GrantRepository):
    def __init__(self, client: Any, table: str) -> None:
        self._items = Items(client, table)

    def get(self, owner_id: str, app_id: str) -> Grant | None:
        item = self._items.get(f"OWNER#{owner_id}", f"GRANT#{app_id}")
        return _grant(item) if item else None

    def of_owner(self, owner_id: str) -> list[Grant]:
        items = self._items.partition(f"OWNER#{owner_id}", "GRANT#")
        return [_grant(item) for item in items]

    def put(self, grant: Grant) -> None:
        self._items.put(
            {
                "pk": f"OWNER#{grant.owner_id}",
                "sk": f"GRANT#{grant.app_id}",
                "owner_id": grant.owner_id,
                "app_id": grant.app_id,
                "scopes": sorted(scope.value for scope in grant.scopes),
            }
        )

    def revoke(self, owner_id: str, app_id: str) -> None:
        self._items.delete(f"OWNER#{owner_id}", f"GRANT#{app_id}")


def _grant(item: Item) -> Grant:
    return Grant(item["owner_id"], item["app_id"], frozenset(map(Scope, item["scopes"])))


class DynamoDBApiKeyRepository(ApiKeyRepository):
    def __init__(self, client: Any, table: str) -> None:
        self._items = Items(client, table)

    def add(self, key: ApiKey) -> None:
        if not self._items.put_new(_item(key)):
            raise Conflict("an API key with this prefix exists")

    def get(self, prefix: str) -> ApiKey | None:
        item = self._items.get(f"APIKEY#{prefix}", "APIKEY")
        if item is None:
            return None
        purpose = Purpose(item["purpose"])
        return ApiKey(item["prefix"], item["digest"], purpose, item["name"], item["revoked"])

    def save(self, key: ApiKey) -> None:
        self._items.put(_item(key))


def _item(key: ApiKey) -> Item:
    return {
        "pk": f"APIKEY#{key.prefix}",
        "sk": "APIKEY",
        "prefix": key.prefix,
        "digest": key.digest,
        "purpose": key.purpose.value,
        "name": key.name,
        "revoked": key.revoked,
    }
