"""API keys, stored in SQLite.

API keys are stored as their record only (prefix, digest, purpose, name,
revoked): the plaintext is never written anywhere.
"""

from __future__ import annotations

import sqlite3

from adapters.local.sqlite_db import SqliteDatabase
from application.ports.api_keys import ApiKeyRepository
from domain.api_keys import ApiKey, Purpose, prefix_taken

KEY_COLUMNS = "prefix, digest, purpose, name, revoked"


class SqliteApiKeyRepository(ApiKeyRepository):
    def __init__(self, db: SqliteDatabase) -> None:
        self._db = db

    def add(self, key: ApiKey) -> None:
        """Raises Conflict when the prefix is taken (as the in-memory repository does)."""
        try:
            self._db.run(f"INSERT INTO api_keys ({KEY_COLUMNS}) VALUES (?, ?, ?, ?, ?)", _row(key))
        except sqlite3.IntegrityError as error:
            raise prefix_taken() from error

    def get(self, prefix: str) -> ApiKey | None:
        row = self._db.read_one(f"SELECT {KEY_COLUMNS} FROM api_keys WHERE prefix = ?", (prefix,))
        return None if row is None else _key(row)

    def all(self) -> list[ApiKey]:
        return [
            _key(row)
            for row in self._db.read(f"SELECT {KEY_COLUMNS} FROM api_keys ORDER BY prefix")
        ]

    def save(self, key: ApiKey) -> None:
        self._db.run(
            f"INSERT OR REPLACE INTO api_keys ({KEY_COLUMNS}) VALUES (?, ?, ?, ?, ?)", _row(key)
        )


def _key(row: sqlite3.Row) -> ApiKey:
    purpose = Purpose(row["purpose"])
    return ApiKey(row["prefix"], row["digest"], purpose, row["name"], bool(row["revoked"]))


def _row(key: ApiKey) -> tuple[object, ...]:
    return (key.prefix, key.digest, key.purpose.value, key.name, int(key.revoked))
