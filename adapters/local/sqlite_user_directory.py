"""The local identity provider's users, in SQLite (`add` stands for signing up)."""

from __future__ import annotations

from adapters.local.sqlite_db import SqliteDatabase
from application.ports.identity import UserDirectory
from domain.access import User


class SqliteUserDirectory(UserDirectory):
    def __init__(self, db: SqliteDatabase) -> None:
        self._db = db

    def add(self, user: User) -> None:
        """Sign the user up, or replace the name and role of a user with the same id."""
        self._db.run(
            "INSERT INTO users (id, name, is_admin) VALUES (?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET name = excluded.name, is_admin = excluded.is_admin",
            (user.id, user.name, int(user.is_admin)),
        )

    def list_users(self) -> list[User]:
        rows = self._db.read("SELECT id, name, is_admin FROM users ORDER BY name, id")
        return [User(row["id"], row["name"], bool(row["is_admin"])) for row in rows]

    def remove(self, user_id: str) -> None:
        self._db.run("DELETE FROM users WHERE id = ?", (user_id,))
