"""Owners' phones, in DynamoDB (in the owner's partition)."""

from __future__ import annotations

from typing import Any

from adapters.aws.dynamodb_items import Items
from application.ports.phones import PhoneRegistry
from domain.announcements import Phone, Platform


class DynamoDBPhoneRegistry(PhoneRegistry):
    def __init__(self, client: Any, table: str) -> None:
        self._items = Items(client, table)

    def register(self, phone: Phone) -> None:
        self._items.put(
            {
                "pk": f"OWNER#{phone.owner_id}",
                "sk": f"PHONE#{phone.name}",
                "name": phone.name,
                "platform": phone.platform.value,
                "device_token": phone.device_token,
            }
        )

    def of_owner(self, owner_id: str) -> list[Phone]:
        items = self._items.partition(f"OWNER#{owner_id}", "PHONE#")
        return [
            Phone(owner_id, item["name"], Platform(item["platform"]), item["device_token"])
            for item in items
        ]

    def get(self, owner_id: str, name: str) -> Phone | None:
        item = self._items.get(f"OWNER#{owner_id}", f"PHONE#{name}")
        if item is None:
            return None
        return Phone(owner_id, item["name"], Platform(item["platform"]), item["device_token"])

    def remove(self, owner_id: str, name: str) -> None:
        self._items.delete(f"OWNER#{owner_id}", f"PHONE#{name}")

    def remove_all(self, owner_id: str) -> None:
        phones = self._items.partition(f"OWNER#{owner_id}", "PHONE#")
        self._items.batch_delete([(item["pk"], item["sk"]) for item in phones])
