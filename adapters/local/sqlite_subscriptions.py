"""Apps' subscriptions, the grants the intake reads, and failed messages, in SQLite."""

from __future__ import annotations

from collections.abc import Iterable

from adapters.app_platform_codec import message_doc, message_of, subscription_doc, subscription_of
from adapters.local.sqlite_db import SqliteDatabase
from adapters.scopes_codec import scopes_from_json, scopes_json
from application.ports.apps import Subscriptions
from domain.apps import Subscription, Watch, WebhookMessage


class SqliteSubscriptions(Subscriptions):
    def __init__(self, db: SqliteDatabase) -> None:
        self._db = db

    def subscribe(self, subscription: Subscription) -> None:
        self._db.run(
            "INSERT OR REPLACE INTO subscriptions (app_id, doc) VALUES (?, ?)",
            (subscription.app_id, subscription_doc(subscription)),
        )

    def get(self, app_id: str) -> Subscription | None:
        row = self._db.read_one("SELECT doc FROM subscriptions WHERE app_id = ?", (app_id,))
        return subscription_of(row["doc"]) if row else None

    def unsubscribe(self, app_id: str) -> None:
        self._db.run("DELETE FROM subscriptions WHERE app_id = ?", (app_id,))

    def watch(self, watch: Watch) -> None:
        self._db.run(
            "INSERT OR REPLACE INTO watches (owner_id, app_id, scopes) VALUES (?, ?, ?)",
            (watch.owner_id, watch.app_id, scopes_json(watch.scopes)),
        )

    def unwatch(self, owner_id: str, app_id: str) -> None:
        self._db.run("DELETE FROM watches WHERE owner_id = ? AND app_id = ?", (owner_id, app_id))

    def watching(self, owner_ids: Iterable[str]) -> list[Watch]:
        owners = sorted(set(owner_ids))
        if not owners:
            return []
        marks = ", ".join("?" * len(owners))
        rows = self._db.read(
            f"SELECT owner_id, app_id, scopes FROM watches WHERE owner_id IN ({marks})"  # noqa: S608
            " ORDER BY owner_id, app_id",
            owners,
        )
        return [Watch(r["owner_id"], r["app_id"], scopes_from_json(r["scopes"])) for r in rows]

    def keep_failed(self, message: WebhookMessage) -> None:
        self._db.run(
            "INSERT OR REPLACE INTO failed_webhooks (id, created_at, doc) VALUES (?, ?, ?)",
            (message.id, message.created_at.isoformat(), message_doc(message)),
        )

    def failed(self) -> list[WebhookMessage]:
        rows = self._db.read("SELECT doc FROM failed_webhooks ORDER BY created_at, id")
        return [message_of(row["doc"]) for row in rows]

    def take_failed(self, message_id: str) -> WebhookMessage | None:
        with self._db.write() as connection:
            row = connection.execute(
                "DELETE FROM failed_webhooks WHERE id = ? RETURNING doc", (message_id,)
            ).fetchone()
        return message_of(row["doc"]) if row else None
