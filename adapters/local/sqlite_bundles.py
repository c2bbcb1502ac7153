"""Bundles and their delivery reports (a JSON column), in SQLite."""

from __future__ import annotations

import json
import sqlite3

from adapters.local.sqlite_db import SqliteDatabase
from application.ports.bundles import BundleRepository
from domain.bundles import Bundle, BundleStatus
from domain.readings import DeliveryReport, Rejection

BUNDLE_COLUMNS = "id, tracker, owner_id, status, report"


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
