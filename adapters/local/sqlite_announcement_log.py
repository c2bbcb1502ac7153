"""Announcements made once, in SQLite."""

from __future__ import annotations

from adapters.local.sqlite_db import SqliteDatabase
from application.ports.notifications import AnnouncementLog


class SqliteAnnouncementLog(AnnouncementLog):
    def __init__(self, db: SqliteDatabase) -> None:
        self._db = db

    def claim(self, key: str) -> bool:
        # The primary key decides: of concurrent claims exactly one inserts the row.
        return self._db.run("INSERT OR IGNORE INTO announcements (key) VALUES (?)", (key,)) == 1

    def release(self, key: str) -> None:
        self._db.run("DELETE FROM announcements WHERE key = ?", (key,))
