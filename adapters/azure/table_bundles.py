"""Bundles and their delivery reports, in Tables (listed per owner through index entities)."""

from __future__ import annotations

from azure.data.tables import TableClient

from adapters.azure.table_entities import Entities, key
from adapters.report_codec import report_from_json, report_json
from application.ports.bundles import BundleRepository
from domain.bundles import Bundle, BundleStatus


class TableBundleRepository(BundleRepository):
    """An owner's bundles are listed from index entities (`OWNER|<owner>` / `BUNDLE|<id>`)
    written before the bundle and removed after it, as an owner's pets are; each listed id
    is read from its bundle, so an index entity left by a crash is never shown. Bundles
    saved before the index existed are not listed."""

    def __init__(self, table_client: TableClient) -> None:
        self._entities = Entities(table_client)

    def get(self, bundle_id: str) -> Bundle | None:
        entity = self._entities.get(key("BUNDLE", bundle_id), "BUNDLE")
        if entity is None:
            return None
        report = report_from_json(entity["report"]) if "report" in entity else None
        status = BundleStatus(entity["status"])
        return Bundle(entity["id"], entity["tracker"], entity["owner_id"], status, report)

    def of_owner(self, owner_id: str) -> list[Bundle]:
        listed = self._entities.partition(key("OWNER", owner_id), "BUNDLE|")
        bundles = (self.get(entity["bundle_id"]) for entity in listed)
        return sorted(
            (b for b in bundles if b is not None and b.owner_id == owner_id), key=lambda b: b.id
        )

    def remove(self, bundle_id: str) -> None:
        bundle = self.get(bundle_id)
        if bundle is not None:
            self._entities.delete(key("BUNDLE", bundle_id), "BUNDLE")
            self._entities.delete(key("OWNER", bundle.owner_id), key("BUNDLE", bundle_id))

    def save(self, bundle: Bundle) -> None:
        entity = {
            "PartitionKey": key("BUNDLE", bundle.id),
            "RowKey": "BUNDLE",
            "id": bundle.id,
            "tracker": bundle.tracker,
            "owner_id": bundle.owner_id,
            "status": bundle.status.value,
        }
        if bundle.report is not None:
            entity["report"] = report_json(bundle.report)
        index = {"PartitionKey": key("OWNER", bundle.owner_id), "RowKey": key("BUNDLE", bundle.id)}
        self._entities.put({**index, "bundle_id": bundle.id})
        self._entities.put(entity)
