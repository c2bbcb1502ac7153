"""The quarantine, in SQLite."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from adapters.local.sqlite_db import SqliteDatabase
from application.ports.quarantine import QuarantineStore
from domain.clockwork import instant_from_key, instant_key
from domain.quarantine import QuarantinedReading

QUARANTINE_COLUMNS = "id, tracker, payload, reason, field, received_at, expires_at"


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
                instant_key(entry.received_at),
                instant_key(entry.expires_at),
            ),
        )

    def purge(self, now: datetime) -> int:
        return self._db.run("DELETE FROM quarantine WHERE expires_at <= ?", (instant_key(now),))

    def list(self, now: datetime, tracker: str | None = None) -> list[QuarantinedReading]:
        rows = self._db.read(
            f"SELECT {QUARANTINE_COLUMNS} FROM quarantine WHERE expires_at > ?"
            " AND (? IS NULL OR tracker = ?) ORDER BY received_at, id",
            (instant_key(now), tracker, tracker),
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
        received_at=instant_from_key(row["received_at"]),
        expires_at=instant_from_key(row["expires_at"]),
    )
