"""Owners' settings, in Tables."""

from __future__ import annotations

from azure.data.tables import TableClient

from adapters.azure.table_entities import Entities, key
from application.ports.owners import OwnerRepository
from domain.owners import Owner


class TableOwnerRepository(OwnerRepository):
    def __init__(self, table_client: TableClient) -> None:
        self._entities = Entities(table_client)

    def get(self, owner_id: str) -> Owner:
        entity = self._entities.get(key("OWNER", owner_id), "PROFILE")
        return Owner(owner_id, entity["time_zone"]) if entity else Owner(owner_id)

    def save(self, owner: Owner) -> None:
        pk = key("OWNER", owner.id)
        self._entities.put({"PartitionKey": pk, "RowKey": "PROFILE", "time_zone": owner.time_zone})

    def remove(self, owner_id: str) -> None:
        self._entities.delete(key("OWNER", owner_id), "PROFILE")
