"""Owners' grants to third-party apps, in DynamoDB (in the owner's partition)."""

from __future__ import annotations

from typing import Any

from adapters.aws.dynamodb_items import Item, Items
from adapters.scopes_codec import scope_values, scopes_of
from application.ports.access import GrantRepository
from domain.access import Grant


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
                "scopes": scope_values(grant.scopes),
            }
        )

    def revoke(self, owner_id: str, app_id: str) -> None:
        self._items.delete(f"OWNER#{owner_id}", f"GRANT#{app_id}")


def _grant(item: Item) -> Grant:
    return Grant(item["owner_id"], item["app_id"], scopes_of(item["scopes"]))
