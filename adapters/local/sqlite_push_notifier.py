"""Push notifications into an outbox in SQLite, standing in for a push service when run locally.

Nothing reaches a phone: the outbox keeps what would have been sent, where
`pawtrack outbox` and tests read it.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from adapters.local.sqlite_db import SqliteDatabase
from application.ports.notifications import PushNotifier, PushOutbox
from domain.announcements import Phone, Platform, PushMessage


class SqlitePushNotifier(PushNotifier, PushOutbox):
    """An outbox: keeps every push notification in send order, where `pawtrack outbox` and
    tests read them."""

    def __init__(self, db: SqliteDatabase) -> None:
        self._db = db

    def send(self, phone: Phone, text: str) -> bool:
        self._db.run(
            "INSERT INTO push_outbox (owner_id, phone, platform, device_token, text, pushed_at)"
            " VALUES (?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
            (phone.owner_id, phone.name, phone.platform.value, phone.device_token, text),
        )
        return True

    def forget(self, phone: Phone) -> None:
        """The outbox holds the phone's token beside what it was sent: both go."""
        self._db.run(
            "DELETE FROM push_outbox WHERE owner_id = ? AND phone = ?", (phone.owner_id, phone.name)
        )

    def sent(self, owner_id: str | None = None) -> list[PushMessage]:
        """What went out, oldest first; to the phones of one owner, or of all."""
        rows = self._db.read(
            "SELECT owner_id, phone, platform, text, pushed_at FROM push_outbox"
            " WHERE ? IS NULL OR owner_id = ? ORDER BY sent_at",
            (owner_id, owner_id),
        )
        return [_message(row) for row in rows]


def _message(row: sqlite3.Row) -> PushMessage:
    platform, pushed_at = Platform(row["platform"]), row["pushed_at"]
    sent_at = datetime.fromisoformat(pushed_at) if pushed_at else None  # None: kept before times
    return PushMessage(row["owner_id"], row["phone"], platform, row["text"], sent_at)
