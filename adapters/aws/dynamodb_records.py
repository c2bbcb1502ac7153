"""Small DynamoDB stores: owners' settings, their phones (in the owner's partition) and bundles."""

from __future__ import annotations

from typing import Any

from adapters.aws.dynamodb_items import Item, Items
from application.ports.bundles import BundleRepository
from application.ports.owners import OwnerRepository
from application.ports.phones import PhoneRegistry
from domain.announcements import Phone, Platform
from domain.bundles import Bundle, BundleStatus
from domain.owners import Owner
from domain.readings import DeliveryReport, Rejection


class DynamoDBOwnerRepository(OwnerRepository):
    def __init__(self, client: Any, table: str) -> None:
        self._items = Items(client, table)

    def get(self, owner_id: str) -> Owner:
        item = self._items.get(f"OWNER#{owner_id}", "PROFILE")
        return Owner(owner_id, item["time_zone"]) if item else Owner(owner_id)

    def save(self, owner: Owner) -> None:
        self._items.put({"pk": f"OWNER#{owner.id}", "sk": "PROFILE", "time_zone": owner.time_zone})


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


class DynamoDBBundleRepository(BundleRepository):
    def __init__(self, client: Any, table: str) -> None:
        self._items = Items(client, table)

    def get(self, bundle_id: str) -> Bundle | None:
        item = self._items.get(f"BUNDLE#{bundle_id}", "BUNDLE")
        if item is None:
            return None
        report = _report(item["report"]) if "report" in item else None
        status = BundleStatus(item["status"])
        return Bundle(item["id"], item["tracker"], item["owner_id"], status, report)

    def save(self, bundle: Bundle) -> None:
        self._items.put(
            {
                "pk": f"BUNDLE#{bundle.id}",
                "sk": "BUNDLE",
                "id": bundle.id,
                "tracker": bundle.tracker,
                "owner_id": bundle.owner_id,
                "status": bundle.status.value,
                "report": _report_map(bundle.report) if bundle.report else None,
            }
        )


def _report_map(report: DeliveryReport) -> Item:
    return {
        "accepted": report.accepted,
        "duplicates": report.duplicates,
        "quarantined": report.quarantined,
        "rejected": [
            {"position": r.position, "field": r.field, "reason": r.reason} for r in report.rejected
        ],
    }


def _report(data: Item) -> DeliveryReport:
    rejected = tuple(
        Rejection(int(r["position"]), r["field"], r["reason"]) for r in data["rejected"]
    )
    counts = (int(data[name]) for name in ("accepted", "duplicates", "quarantined"))
    return DeliveryReport(*counts, rejected)
