"""API keys, in Tables.

API keys are stored as their record only (prefix, digest, purpose, name,
revoked): the plaintext is never written anywhere.
"""

from __future__ import annotations

from azure.data.tables import TableClient

from adapters.azure.table_entities import Entities, Entity, key
from application.ports.api_keys import ApiKeyRepository
from domain.api_keys import ApiKey, Purpose, prefix_taken


class TableApiKeyRepository(ApiKeyRepository):
    def __init__(self, table_client: TableClient) -> None:
        self._entities = Entities(table_client)

    def add(self, key: ApiKey) -> None:
        if not self._entities.create(_entity(key)):
            raise prefix_taken()

    def get(self, prefix: str) -> ApiKey | None:
        entity = self._entities.get(key("APIKEY", prefix), "APIKEY")
        return None if entity is None else _api_key(entity)

    def all(self) -> list[ApiKey]:
        """A range of the key partitions (APIKEY|…), not a scan of the table."""
        return [
            _api_key(entity) for entity in self._entities.partitions(key("APIKEY", ""), "APIKEY")
        ]

    def save(self, key: ApiKey) -> None:
        self._entities.put(_entity(key))


def _api_key(entity: Entity) -> ApiKey:
    purpose = Purpose(entity["purpose"])
    return ApiKey(entity["prefix"], entity["digest"], purpose, entity["name"], entity["revoked"])


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
