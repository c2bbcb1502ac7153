"""Owners' settings, in DynamoDB."""

from __future__ import annotations

from typing import Any

from adapters.aws.dynamodb_items import Items
from application.ports.owners import OwnerRepository
from domain.owners import Owner


class DynamoDBOwnerRepository(OwnerRepository):
    def __init__(self, client: Any, table: str) -> None:
        self._items = Items(client, table)

    def get(self, owner_id: str) -> Owner:
        item = self._items.get(f"OWNER#{owner_id}", "PROFILE")
        return Owner(owner_id, item["time_zone"]) if item else Owner(owner_id)

    def save(self, owner: Owner) -> None:
        self._items.put({"pk": f"OWNER#{owner.id}", "sk": "PROFILE", "time_zone": owner.time_zone})

    def remove(self, owner_id: str) -> None:
        self._items.delete(f"OWNER#{owner_id}", "PROFILE")
