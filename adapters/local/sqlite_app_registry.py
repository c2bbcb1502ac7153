"""Third-party apps, stored in SQLite."""

from __future__ import annotations

from adapters.app_records import terms_json, terms_of
from adapters.local.sqlite_db import SqliteDatabase
from application.ports.access import AppRegistry
from domain.access import App, AppTerms


class SqliteAppRegistry(AppRegistry):
    def __init__(self, db: SqliteDatabase) -> None:
        self._db = db

    def register(self, name: str, terms: AppTerms | None = None) -> App:
        app = App(App.register(name).id, name, terms or AppTerms())
        self._db.run(
            "INSERT INTO apps (id, name, terms) VALUES (?, ?, ?)",
            (app.id, app.name, terms_json(app.terms)),
        )
        return app

    def get(self, app_id: str) -> App | None:
        row = self._db.read_one("SELECT id, name, terms FROM apps WHERE id = ?", (app_id,))
        return App(row["id"], row["name"], terms_of(row["terms"])) if row else None
