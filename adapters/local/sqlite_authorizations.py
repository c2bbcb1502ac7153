"""What the authorization server keeps, in SQLite: pending authorizations, codes and tokens in
one table by kind and key (a DELETE … RETURNING takes one once), connections in another."""

from __future__ import annotations

from datetime import datetime

from adapters.app_platform_codec import (
    code_doc,
    code_of,
    connection_doc,
    connection_of,
    pending_doc,
    pending_of,
    token_doc,
    token_of,
)
from adapters.local.sqlite_db import SqliteDatabase
from application.ports.apps import Authorizations, IssuedCode, IssuedToken, PendingAuthorization
from domain.apps import Connection


class SqliteAuthorizations(Authorizations):
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

    def hold(self, pending: PendingAuthorization) -> None:
        self._put("pending", pending.id, pending.expires, pending_doc(pending))

    def pending(self, pending_id: str, now: datetime) -> PendingAuthorization | None:
        doc = self._get("pending", pending_id, now)
        return pending_of(doc) if doc else None

    def forget(self, pending_id: str) -> bool:
        return (
            self._db.run(
                "DELETE FROM oauth_records WHERE kind = 'pending' AND key = ?", (pending_id,)
            )
            == 1
        )

    def put_code(self, code: IssuedCode) -> None:
        self._put("code", code.digest, code.expires, code_doc(code))

    def take_code(self, digest: str, now: datetime) -> IssuedCode | None:
        doc = self._take("code", digest, now)
        return code_of(doc) if doc else None

    def put_token(self, token: IssuedToken) -> None:
        self._put(token.kind, token.digest, token.expires, token_doc(token))

    def token(self, digest: str, kind: str, now: datetime) -> IssuedToken | None:
        doc = self._get(kind, digest, now)
        return token_of(doc) if doc else None

    def take_token(self, digest: str, kind: str, now: datetime) -> IssuedToken | None:
        doc = self._take(kind, digest, now)
        return token_of(doc) if doc else None

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
