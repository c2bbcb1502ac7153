"""Owners' phones, in SQLite."""

from __future__ import annotations

from adapters.local.sqlite_db import SqliteDatabase
from application.ports.phones import PhoneRegistry
from domain.announcements import Phone, Platform


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

    def get(self, owner_id: str, name: str) -> Phone | None:
        row = self._db.read_one(
            "SELECT platform, device_token FROM phones WHERE owner_id = ? AND name = ?",
            (owner_id, name),
        )
        if row is None:
            return None
        return Phone(owner_id, name, Platform(row["platform"]), row["device_token"])

    def remove(self, owner_id: str, name: str) -> None:
        self._db.run("DELETE FROM phones WHERE owner_id = ? AND name = ?", (owner_id, name))

    def remove_all(self, owner_id: str) -> None:
        self._db.run("DELETE FROM phones WHERE owner_id = ?", (owner_id,))
