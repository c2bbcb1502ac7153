"""Small Table stores: owners' settings, their phones (in the owner's partition) and bundles."""

from __future__ import annotations

import json

from azure.data.tables import TableClient

from adapters.azure.table_entities import Entities, key, whole
from application.ports.bundles import BundleRepository
from application.ports.owners import OwnerRepository
from application.ports.phones import PhoneRegistry
from domain.announcements import Phone, Platform
from domain.bundles import Bundle, BundleStatus
from domain.owners import Owner
from domain.readings import DeliveryReport, Rejection


class TableOwnerRepository(OwnerRepository):
    def __init__(self, table_client: TableClient) -> None:
        self._entities = Entities(table_client)

    def get(self, owner_id: str) -> Owner:
        entity = self._entities.get(key("OWNER", owner_id), "PROFILE")
        return Owner(owner_id, entity["time_zone"]) if entity else Owner(owner_id)

    def save(self, owner: Owner) -> None:
        pk = key("OWNER", owner.id)
        self._entities.put({"PartitionKey": pk, "RowKey": "PROFILE", "time_zone": owner.time_zone})


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


class TableBundleRepository(BundleRepository):
    def __init__(self, table_client: TableClient) -> None:
        self._entities = Entities(table_client)

    def get(self, bundle_id: str) -> Bundle | None:
        entity = self._entities.get(key("BUNDLE", bundle_id), "BUNDLE")
        if entity is None:
            return None
        report = _report(json.loads(entity["report"])) if "report" in entity else None
        status = BundleStatus(entity["status"])
        return Bundle(entity["id"], entity["tracker"], entity["owner_id"], status, report)

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
            entity["report"] = json.dumps(_report_map(bundle.report))
        self._entities.put(entity)


def _report_map(report: DeliveryReport) -> dict[str, object]:
    return {
        "accepted": report.accepted,
        "duplicates": report.duplicates,
        "quarantined": report.quarantined,
        "rejected": [
            {"position": r.position, "field": r.field, "reason": r.reason} for r in report.rejected
        ],
    }


def _report(data: dict[str, object]) -> DeliveryReport:
    rejected = tuple(
        Rejection(int(r["position"]), r["field"], r["reason"])
        for r in data["rejected"]  # type: ignore[attr-defined]
    )
    counts = (whole(data[name]) for name in ("accepted", "duplicates", "quarantined"))
    return DeliveryReport(*counts, rejected)
