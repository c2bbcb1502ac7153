"""Developers' requests to register apps, in SQLite: the local approval workflow's state
(GetAppRequest and ExpireAppRequests resume it)."""

from __future__ import annotations

from adapters.app_platform_codec import request_doc, request_of
from adapters.local.sqlite_db import SqliteDatabase
from application.ports.apps import AppRequests
from domain.apps import AppRequest


class SqliteAppRequests(AppRequests):
    def __init__(self, db: SqliteDatabase) -> None:
        self._db = db

    def put(self, request: AppRequest) -> None:
        self._db.run(
            "INSERT OR REPLACE INTO app_requests (id, state, requested_at, doc) VALUES (?, ?, ?, ?)",
            (
                request.id,
                request.state.value,
                request.requested_at.isoformat(),
                request_doc(request),
            ),
        )

    def get(self, request_id: str) -> AppRequest | None:
        row = self._db.read_one("SELECT doc FROM app_requests WHERE id = ?", (request_id,))
        return request_of(row["doc"]) if row else None

    def pending(self) -> list[AppRequest]:
        rows = self._db.read(
            "SELECT doc FROM app_requests WHERE state = 'pending' ORDER BY requested_at, id"
        )
        return [request_of(row["doc"]) for row in rows]
