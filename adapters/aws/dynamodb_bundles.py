"""Bundles and their delivery reports, in DynamoDB (listed per owner through gsi1)."""

from __future__ import annotations

from typing import Any

from adapters.aws.dynamodb_items import Item, Items
from adapters.report_codec import decode_report, encode_report
from application.ports.bundles import BundleRepository
from domain.bundles import Bundle, BundleStatus


class DynamoDBBundleRepository(BundleRepository):
    def __init__(self, client: Any, table: str) -> None:
        self._items = Items(client, table)

    def get(self, bundle_id: str) -> Bundle | None:
        item = self._items.get(f"BUNDLE#{bundle_id}", "BUNDLE")
        return _bundle(item) if item else None

    def of_owner(self, owner_id: str) -> list[Bundle]:
        """From the index (gsi1 `OWNER#<owner>` / `BUNDLE#<id>`): a bundle started a moment ago
        may be missing for that moment. Bundles saved before the index was written lack it."""
        return [
            _bundle(item)
            for item in self._items.partition(f"OWNER#{owner_id}", "BUNDLE#", index="gsi1")
        ]

    def remove(self, bundle_id: str) -> None:
        self._items.delete(f"BUNDLE#{bundle_id}", "BUNDLE")

    def save(self, bundle: Bundle) -> None:
        self._items.put(
            {
                "pk": f"BUNDLE#{bundle.id}",
                "sk": "BUNDLE",
                "gsi1pk": f"OWNER#{bundle.owner_id}",
                "gsi1sk": f"BUNDLE#{bundle.id}",
                "id": bundle.id,
                "tracker": bundle.tracker,
                "owner_id": bundle.owner_id,
                "status": bundle.status.value,
                "report": encode_report(bundle.report) if bundle.report else None,
            }
        )


def _bundle(item: Item) -> Bundle:
    report = decode_report(item["report"]) if "report" in item else None
    status = BundleStatus(item["status"])
    return Bundle(item["id"], item["tracker"], item["owner_id"], status, report)
