"""Who may call in, stored in SQLite: third-party apps, owners' grants to them, and API keys.

API keys are stored as their record only (prefix, digest, purpose, name,
revoked): the plaintext is never written anywhere.
"""

from __future__ import annotations

import json
import sqlite3

from adapters.local.sqlite_db import SqliteDatabase
from application.ports.access import AppRegistry, GrantRepository
from application.ports.api_keys import ApiKeyRepository
from domain.access import App, Grant, Scope
from domain.api_keys import ApiKey, Purpose
from domain.errors import Conflict

KEY_COLUMNS = "prefix, digest, purpose, name, revoked"


class SqliteAppRegistry(AppRegistry):
    def __init__(self, db: SqliteDatabase) -> None:
        self._db = db

    def register(self, name: str) -> App:
        app = App.register(name)
        self._db.run("INSERT INTO apps (id, name) VALUES (?, ?)", (app.id, app.name))
        return app

    def get(self, app_id: str) -> App | None:
        row = self._db.read_one("SELECT id, name FROM apps WHERE id = ?", (app_id,))
        return App(row["id"], row["name"]) if row else None


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
        scopes = json.dumps(sorted(scope.value for scope in grant.scopes))
        self._db.run(
            "INSERT OR REPLACE INTO grants (owner_id, app_id, scopes) VALUES (?, ?, ?)",
            (grant.owner_id, grant.app_id, scopes),
        )

    def revoke(self, owner_id: str, app_id: str) -> None:
        self._db.run("DELETE FROM grants WHERE owner_id = ? AND app_id = ?", (owner_id, app_id))


def _grant(row: sqlite3.Row) -> Grant:
    scopes = frozenset(Scope(value) for value in json.loads(row["scopes"]))
    return Grant(row["owner_id"], row["app_id"], scopes)


class SqliteApiKeyRepository(ApiKeyRepository):
    def __init__(self, db: SqliteDatabase) -> None:
        self._db = db

    def add(self, key: ApiKey) -> None:
        """Raises Conflict when the prefix is taken (as the in-memory repository does)."""
        try:
            self._db.run(f"INSERT INTO api_keys ({KEY_COLUMNS}) VALUES (?, ?, ?, ?, ?)", _row(key))
        except sqlite3.IntegrityError as error:
            raise Conflict("an API key with this prefix exists") from error

    def get(self, prefix: str) -> ApiKey | None:
        row = self._db.read_one(f"SELECT {KEY_COLUMNS} FROM api_keys WHERE prefix = ?", (prefix,))
        if row is None:
            return None
        purpose = Purpose(row["purpose"])
        return ApiKey(row["prefix"], row["digest"], purpose, row["name"], bool(row["revoked"]))

    def save(self, key: ApiKey) -> None:
        self._db.run(
            f"INSERT OR REPLACE INTO api_keys ({KEY_COLUMNS}) VALUES (?, ?, ?, ?, ?)", _row(key)
        )


def _row(key: ApiKey) -> tuple[object, ...]:
    return (key.prefix, key.digest, key.purpose.value, key.name, int(key.revoked))
