"""Owners' grants to third-party apps, stored in SQLite."""

from __future__ import annotations

import sqlite3

from adapters.local.sqlite_db import SqliteDatabase
from adapters.scopes_codec import scopes_from_json, scopes_json
from application.ports.access import GrantRepository
from domain.access import Grant


class SqliteGrantRepository(GrantRepository):
    def __init__(self, db: SqliteDatabase) -> None:
        self._db = db

    def get(self, owner_id: str, app_id: str) -> Grant | None:
        row = self._db.read_one(
            "SELECT owner_id, app_id, scopes FROM grants WHERE owner_id = ? AND app_id = ?",
            (owner_id, app_id),
        )
        return _grant(row) if row else None

    def of_owner(self, owner_id: str) -> list[Grant]:
        rows = self._db.read(
            "SELECT owner_id, app_id, scopes FROM grants WHERE owner_id = ? ORDER BY app_id",
            (owner_id,),
        )
        return [_grant(row) for row in rows]

    def put(self, grant: Grant) -> None:
        scopes = scopes_json(grant.scopes)
        self._db.run(
            "INSERT OR REPLACE INTO grants (owner_id, app_id, scopes) VALUES (?, ?, ?)",
            (grant.owner_id, grant.app_id, scopes),
        )

    def revoke(self, owner_id: str, app_id: str) -> None:
        self._db.run("DELETE FROM grants WHERE owner_id = ? AND app_id = ?", (owner_id, app_id))


def _grant(row: sqlite3.Row) -> Grant:
    return Grant(row["owner_id"], row["app_id"], scopes_from_json(row["scopes"]))
