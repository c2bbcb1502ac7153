"""Owners' settings, in SQLite."""

from __future__ import annotations

from adapters.local.sqlite_db import SqliteDatabase
from application.ports.owners import OwnerRepository
from domain.owners import Owner


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
