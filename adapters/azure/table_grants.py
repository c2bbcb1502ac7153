"""Owners' grants to third-party apps, in Tables (in the owner's partition)."""

from __future__ import annotations

from azure.data.tables import TableClient

from adapters.azure.table_entities import Entities, Entity, key
from adapters.scopes_codec import scopes_from_json, scopes_json
from application.ports.access import GrantRepository
from domain.access import Grant


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
                "scopes": scopes_json(grant.scopes),
            }
        )

    def revoke(self, owner_id: str, app_id: str) -> None:
        self._entities.delete(key("OWNER", owner_id), key("GRANT", app_id))


def _grant(entity: Entity) -> Grant:
    return Grant(entity["owner_id"], entity["app_id"], scopes_from_json(entity["scopes"]))
