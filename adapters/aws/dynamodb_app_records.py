"""The apps the identity provider registered, in DynamoDB (for the Cognito app registry)."""

from __future__ import annotations

from typing import Any

from adapters.app_records import terms_json, terms_of
from adapters.aws.dynamodb_items import Items
from domain.access import App


class DynamoDBAppRecords:
    """The apps the identity provider registered, by client id (for the Cognito app registry)."""

    def __init__(self, client: Any, table: str) -> None:
        self._items = Items(client, table)

    def put(self, app: App) -> None:
        terms = terms_json(app.terms)
        self._items.put(
            {"pk": f"APP#{app.id}", "sk": "APP", "id": app.id, "name": app.name, "terms": terms}
        )

    def get(self, app_id: str) -> App | None:
        item = self._items.get(f"APP#{app_id}", "APP")
        return App(item["id"], item["name"], terms_of(item.get("terms"))) if item else None
