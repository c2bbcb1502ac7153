"""The local identity provider's users, in SQLite (`add` stands for signing up), and the
accounts erased by their owners."""

from __future__ import annotations

import logging

from adapters.local.sqlite_db import SqliteDatabase
from application.ports.identity import ErasedAccounts, UserDirectory
from domain.access import User
from domain.erasure import erased_account_key

log = logging.getLogger(__name__)


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


class SqliteErasedAccounts(ErasedAccounts):
    def __init__(self, db: SqliteDatabase) -> None:
        self._db = db

    def mark(self, user_id: str) -> None:
        digest = erased_account_key(user_id)
        self._db.run("INSERT OR IGNORE INTO erased_accounts (digest) VALUES (?)", (digest,))

    def finished(self, user_id: str) -> None:
        """Deleted rows are zeroed in the file (secure_delete); their earlier pages may still be
        in the write-ahead log until it is checkpointed, so it is, now."""
        if not self._db.checkpoint():
            log.warning("the write-ahead log was busy: deleted rows stay in it until checkpointed")

    def is_erased(self, user_id: str) -> bool:
        digest = (erased_account_key(user_id),)
        return (
            self._db.read_one("SELECT 1 FROM erased_accounts WHERE digest = ?", digest) is not None
        )
