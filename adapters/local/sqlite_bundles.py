"""Bundles and their delivery reports (a JSON column), in SQLite."""

from __future__ import annotations

import sqlite3

from adapters.local.sqlite_db import SqliteDatabase
from adapters.report_codec import report_from_json, report_json
from application.ports.bundles import BundleRepository
from domain.bundles import Bundle, BundleStatus

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
        report = report_json(bundle.report) if bundle.report else None
        self._db.run(
            "INSERT OR REPLACE INTO bundles (id, tracker, owner_id, status, report)"
            " VALUES (?, ?, ?, ?, ?)",
            (bundle.id, bundle.tracker, bundle.owner_id, bundle.status.value, report),
        )


def _bundle(row: sqlite3.Row) -> Bundle:
    report = report_from_json(row["report"]) if row["report"] else None
    status = BundleStatus(row["status"])
    return Bundle(row["id"], row["tracker"], row["owner_id"], status, report)
