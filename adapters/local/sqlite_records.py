"""Small SQLite stores: owners' settings, phones, bundles and the quarantine."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

from adapters.local.sqlite_db import SqliteDatabase, instant_of, instant_text
from application.ports.bundles import BundleRepository
from application.ports.owners import OwnerRepository
from application.ports.phones import PhoneRegistry
from application.ports.quarantine import QuarantineStore
from domain.announcements import Phone, Platform
from domain.bundles import Bundle, BundleStatus
from domain.owners import Owner
from domain.quarantine import QuarantinedReading
from domain.readings import DeliveryReport, Rejection

QUARANTINE_COLUMNS = "id, tracker, payload, reason, field, received_at, expires_at"
BUNDLE_COLUMNS = "id, tracker, owner_id, status, report"


class SqliteOwnerRepository(OwnerRepository):
    def __init__(self, db: SqliteDatabase) -> None:
        self._db = db

    def get(self, owner_id: str) -> Owner:
        row = self._db.read_one("SELECT time_zone FROM owners WHERE id = ?", (owner_id,))
        return Owner(owner_id, row["time_zone"]) if row else Owner(owner_id)

    def save(self, owner: Owner) -> None:
        self._db.run("INSERT OR REPLACE INTO owners VALUES (?, ?)", (owner.id, owner.time_zone))

    def remove(self, owner_id: str) -> None:
        self._db.run("DELETE FROM owners WHERE id = ?", (owner_id,))


class SqlitePhoneRegistry(PhoneRegistry):
    def __init__(self, db: SqliteDatabase) -> None:
        self._db = db

    def register(self, phone: Phone) -> None:
        self._db.run(
            "INSERT OR REPLACE INTO phones (owner_id, name, platform, device_token)"
            " VALUES (?, ?, ?, ?)",
            (phone.owner_id, phone.name, phone.platform.value, phone.device_token),
        )

    def of_owner(self, owner_id: str) -> list[Phone]:
        rows = self._db.read(
            "SELECT name, platform, device_token FROM phones WHERE owner_id = ? ORDER BY name",
            (owner_id,),
        )
        return [
            Phone(owner_id, row["name"], Platform(row["platform"]), row["device_token"])
            for row in rows
        ]

    def remove_all(self, owner_id: str) -> None:
        self._db.run("DELETE FROM phones WHERE owner_id = ?", (owner_id,))


class SqliteBundleRepository(BundleRepository):
    def __init__(self, db: SqliteDatabase) -> None:
        self._db = db

    def get(self, bundle_id: str) -> Bundle | None:
        row = self._db.read_one(f"SELECT {BUNDLE_COLUMNS} FROM bundles WHERE id = ?", (bundle_id,))
        return _bundle(row) if row else None

    def of_owner(self, owner_id: str) -> list[Bundle]:
        rows = self._db.read(
            f"SELECT {BUNDLE_COLUMNS} FROM bundles WHERE owner_id = ? ORDER BY id", (owner_id,)
        )
        return [_bundle(row) for row in rows]

    def remove(self, bundle_id: str) -> None:
        self._db.run("DELETE FROM bundles WHERE id = ?", (bundle_id,))

    def save(self, bundle: Bundle) -> None:
        report = json.dumps(_report_json(bundle.report)) if bundle.report else None
        self._db.run(
            "INSERT OR REPLACE INTO bundles (id, tracker, owner_id, status, report)"
            " VALUES (?, ?, ?, ?, ?)",
            (bundle.id, bundle.tracker, bundle.owner_id, bundle.status.value, report),
        )


def _bundle(row: sqlite3.Row) -> Bundle:
    report = _report(row["report"]) if row["report"] else None
    status = BundleStatus(row["status"])
    return Bundle(row["id"], row["tracker"], row["owner_id"], status, report)


def _report_json(report: DeliveryReport) -> dict[str, object]:
    rejected = [
        {"position": r.position, "field": r.field, "reason": r.reason} for r in report.rejected
    ]
    return {
        "accepted": report.accepted,
        "duplicates": report.duplicates,
        "quarantined": report.quarantined,
        "rejected": rejected,
    }


def _report(text: str) -> DeliveryReport:
    data = json.loads(text)
    rejected = tuple(Rejection(r["position"], r["field"], r["reason"]) for r in data["rejected"])
    return DeliveryReport(data["accepted"], data["duplicates"], data["quarantined"], rejected)


class SqliteQuarantineStore(QuarantineStore):
    def __init__(self, db: SqliteDatabase) -> None:
        self._db = db

    def keep(self, entry: QuarantinedReading) -> None:
        self._db.run(
            f"INSERT OR IGNORE INTO quarantine ({QUARANTINE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                entry.id,
                entry.tracker,
                entry.payload,
                entry.reason,
                entry.field,
                instant_text(entry.received_at),
                instant_text(entry.expires_at),
            ),
        )

    def purge(self, now: datetime) -> int:
        return self._db.run("DELETE FROM quarantine WHERE expires_at <= ?", (instant_text(now),))

    def list(self, now: datetime, tracker: str | None = None) -> list[QuarantinedReading]:
        rows = self._db.read(
            f"SELECT {QUARANTINE_COLUMNS} FROM quarantine WHERE expires_at > ?"
            " AND (? IS NULL OR tracker = ?) ORDER BY received_at, id",
            (instant_text(now), tracker, tracker),
        )
        return [_quarantined(row) for row in rows]

    def forget(self, tracker: str) -> None:
        self._db.run("DELETE FROM quarantine WHERE tracker = ?", (tracker,))


def _quarantined(row: sqlite3.Row) -> QuarantinedReading:
    return QuarantinedReading(
        id=row["id"],
        tracker=row["tracker"],
        payload=row["payload"],
        reason=row["reason"],
        field=row["field"],
        received_at=instant_of(row["received_at"]),
        expires_at=instant_of(row["expires_at"]),
    )
