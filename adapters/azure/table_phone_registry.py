"""Owners' phones, in Tables (in the owner's partition)."""

from __future__ import annotations

from azure.data.tables import TableClient

from adapters.azure.table_entities import Entities, key
from application.ports.phones import PhoneRegistry
from domain.announcements import Phone, Platform


class TablePhoneRegistry(PhoneRegistry):
    def __init__(self, table_client: TableClient) -> None:
        self._entities = Entities(table_client)

    def register(self, phone: Phone) -> None:
        self._entities.put(
            {
                "PartitionKey": key("OWNER", phone.owner_id),
                "RowKey": key("PHONE", phone.name),
                "name": phone.name,
                "platform": phone.platform.value,
                "device_token": phone.device_token,
            }
        )

    def of_owner(self, owner_id: str) -> list[Phone]:
        entities = self._entities.partition(key("OWNER", owner_id), "PHONE|")
        phones = [
            Phone(owner_id, e["name"], Platform(e["platform"]), e["device_token"]) for e in entities
        ]
        return sorted(phones, key=lambda phone: phone.name)  # escaped keys need not sort as names

    def get(self, owner_id: str, name: str) -> Phone | None:
        found = self._entities.get(key("OWNER", owner_id), key("PHONE", name))
        if found is None:
            return None
        return Phone(owner_id, found["name"], Platform(found["platform"]), found["device_token"])

    def remove(self, owner_id: str, name: str) -> None:
        self._entities.delete(key("OWNER", owner_id), key("PHONE", name))

    def remove_all(self, owner_id: str) -> None:
        pk = key("OWNER", owner_id)
        self._entities.delete_all(pk, [e["RowKey"] for e in self._entities.partition(pk, "PHONE|")])
