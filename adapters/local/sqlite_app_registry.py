"""Third-party apps, stored in SQLite."""

from __future__ import annotations

from adapters.local.sqlite_db import SqliteDatabase
from application.ports.access import AppRegistry
from domain.access import App


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
