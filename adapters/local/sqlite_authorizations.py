"""What the authorization server keeps, in SQLite: pending authorizations, codes and tokens in
one table by kind and key (a DELETE … RETURNING takes one once), connections in another."""

from __future__ import annotations

from datetime import datetime

from adapters.app_platform_codec import (
    connection_doc,
    connection_of,
)
from adapters.local.sqlite_db import SqliteDatabase
from adapters.oauth_records import OAuthRecords
from domain.apps import Connection


class SqliteAuthorizations(OAuthRecords):
    def __init__(self, db: SqliteDatabase) -> None:
        self._db = db

    def _put(self, kind: str, key: str, expires: datetime, doc: str) -> None:
        self._db.run(
            "INSERT OR REPLACE INTO oauth_records (kind, key, expires_at, doc) VALUES (?, ?, ?, ?)",
            (kind, key, expires.isoformat(), doc),
        )

    def _get(self, kind: str, key: str, now: datetime) -> str | None:
        row = self._db.read_one(
            "SELECT doc FROM oauth_records WHERE kind = ? AND key = ? AND expires_at > ?",
            (kind, key, now.isoformat()),
        )
        return str(row["doc"]) if row else None

    def _take(self, kind: str, key: str, now: datetime) -> str | None:
        with self._db.write() as connection:
            row = connection.execute(
                "DELETE FROM oauth_records WHERE kind = ? AND key = ? RETURNING doc, expires_at",
                (kind, key),
            ).fetchone()
        if row is None or row["expires_at"] <= now.isoformat():
            return None
        return str(row["doc"])

    def connect(self, connection: Connection) -> None:
        self._db.run(
            "INSERT OR REPLACE INTO app_connections (owner_id, app_id, doc) VALUES (?, ?, ?)",
            (connection.owner_id, connection.app_id, connection_doc(connection)),
        )

    def connection(self, owner_id: str, app_id: str) -> Connection | None:
        row = self._db.read_one(
            "SELECT doc FROM app_connections WHERE owner_id = ? AND app_id = ?", (owner_id, app_id)
        )
        return connection_of(row["doc"]) if row else None

    def disconnect(self, owner_id: str, app_id: str) -> None:
        with self._db.write() as connection:
            row = connection.execute(
                "DELETE FROM app_connections WHERE owner_id = ? AND app_id = ? RETURNING doc",
                (owner_id, app_id),
            ).fetchone()
            for token in connection_of(row["doc"]).tokens if row else ():
                kind, _, digest = token.partition(":")
                connection.execute(
                    "DELETE FROM oauth_records WHERE kind = ? AND key = ?", (kind, digest)
                )
