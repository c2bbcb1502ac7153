"""Who may call in, in Tables: owners' grants (in the owner's partition), API keys, app records.

API keys are stored as their record only (prefix, digest, purpose, name,
revoked): the plaintext is never written anywhere.
"""

from __future__ import annotations

import json

from azure.data.tables import TableClient

from adapters.azure.table_entities import Entities, Entity, key
from application.ports.access import GrantRepository
from application.ports.api_keys import ApiKeyRepository
from domain.access import App, Grant, Scope
from domain.api_keys import ApiKey, Purpose
from domain.errors import Conflict


class TableAppRecords:
    """The apps the identity provider registered, by client id (for the Entra app registry)."""

    def __init__(self, table_client: TableClient) -> None:
        self._entities = Entities(table_client)

    def put(self, app: App) -> None:
        pk = key("APP", app.id)
        self._entities.put({"PartitionKey": pk, "RowKey": "APP", "id": app.id, "name": app.name})

    def get(self, app_id: str) -> App | None:
        entity = self._entities.get(key("APP", app_id), "APP")
        return App(entity["id"], entity["name"]) if entity else None


class TableGrantRepository(GrantRepository):
    def __init__(self, table_client: TableClient) -> None:
        self._entities = Entities(table_client)

    def get(self, owner_id: str, app_id: str) -> Grant | None:
        entity = self._entities.get(key("OWNER", owner_id), key("GRANT", app_id))
        return _grant(entity) if entity else None

    def of_owner(self, owner_id: str) -> list[Grant]:
        grants = map(_grant, self._entities.partition(key("OWNER", owner_id), "GRANT|"))
        return sorted(grants, key=lambda grant: grant.app_id)

    def put(self, grant: Grant) -> None:
        self._entities.put(
            {
                "PartitionKey": key("OWNER", grant.owner_id),
                "RowKey": key("GRANT", grant.app_id),
                "owner_id": grant.owner_id,
                "app_id": grant.app_id,
                "scopes": json.dumps(sorted(scope.value for scope in grant.scopes)),
            }
        )

    def revoke(self, owner_id: str, app_id: str) -> None:
        self._entities.delete(key("OWNER", owner_id), key("GRANT", app_id))


def _grant(entity: Entity) -> Grant:
    scopes = frozenset(map(Scope, json.loads(entity["scopes"])))
    return Grant(entity["owner_id"], entity["app_id"], scopes)


class TableApiKeyRepository(ApiKeyRepository):
    def __init__(self, table_client: TableClient) -> None:
        self._entities = Entities(table_client)

    def add(self, key: ApiKey) -> None:
        if not self._entities.create(_entity(key)):
            raise Conflict("an API key with this prefix exists")

    def get(self, prefix: str) -> ApiKey | None:
        entity = self._entities.get(key("APIKEY", prefix), "APIKEY")
        if entity is None:
            return None
        purpose = Purpose(entity["purpose"])
        return ApiKey(
            entity["prefix"], entity["digest"], purpose, entity["name"], entity["revoked"]
        )

    def save(self, key: ApiKey) -> None:
        self._entities.put(_entity(key))


def _entity(api_key: ApiKey) -> Entity:
    return {
        "PartitionKey": key("APIKEY", api_key.prefix),
        "RowKey": "APIKEY",
        "prefix": api_key.prefix,
        "digest": api_key.digest,
        "purpose": api_key.purpose.value,
        "name": api_key.name,
        "revoked": api_key.revoked,
    }
