"""The apps the identity provider registered, in Tables (for the Entra app registry)."""

from __future__ import annotations

from azure.data.tables import TableClient

from adapters.app_records import terms_json, terms_of
from adapters.azure.table_entities import Entities, key
from domain.access import App


class TableAppRecords:
    """The apps the identity provider registered, by client id (for the Entra app registry)."""

    def __init__(self, table_client: TableClient) -> None:
        self._entities = Entities(table_client)

    def put(self, app: App) -> None:
        pk = key("APP", app.id)
        terms = terms_json(app.terms)
        self._entities.put(
            {"PartitionKey": pk, "RowKey": "APP", "id": app.id, "name": app.name, "terms": terms}
        )

    def get(self, app_id: str) -> App | None:
        entity = self._entities.get(key("APP", app_id), "APP")
        return App(entity["id"], entity["name"], terms_of(entity.get("terms"))) if entity else None
