"""Apps' subscriptions, the grants the intake reads, and failed messages, in memory."""

from __future__ import annotations

import threading
from collections.abc import Iterable

from application.ports.apps import Subscriptions
from domain.apps import Subscription, Watch, WebhookMessage


class InMemorySubscriptions(Subscriptions):
    def __init__(self) -> None:
        self._subscriptions: dict[str, Subscription] = {}
        self._watches: dict[tuple[str, str], Watch] = {}
        self._failed: dict[str, WebhookMessage] = {}
        self._lock = threading.Lock()

    def subscribe(self, subscription: Subscription) -> None:
        with self._lock:
            self._subscriptions[subscription.app_id] = subscription

    def get(self, app_id: str) -> Subscription | None:
        return self._subscriptions.get(app_id)

    def unsubscribe(self, app_id: str) -> None:
        with self._lock:
            self._subscriptions.pop(app_id, None)

    def watch(self, watch: Watch) -> None:
        with self._lock:
            self._watches[(watch.owner_id, watch.app_id)] = watch

    def unwatch(self, owner_id: str, app_id: str) -> None:
        with self._lock:
            self._watches.pop((owner_id, app_id), None)

    def watching(self, owner_ids: Iterable[str]) -> list[Watch]:
        owners = set(owner_ids)
        return [w for key, w in sorted(self._watches.items()) if w.owner_id in owners]

    def keep_failed(self, message: WebhookMessage) -> None:
        with self._lock:
            self._failed[message.id] = message

    def failed(self) -> list[WebhookMessage]:
        return sorted(self._failed.values(), key=lambda m: (m.created_at, m.id))

    def take_failed(self, message_id: str) -> WebhookMessage | None:
        with self._lock:
            return self._failed.pop(message_id, None)
