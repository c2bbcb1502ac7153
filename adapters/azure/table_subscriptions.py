"""Apps' subscriptions (`APP|<app>` / `SUBSCRIPTION`), the grants the intake reads (one
partition, `WATCH` / `<owner>|<app>`: one query a batch, bounded by its first and last owner),
and failed messages (`WEBHOOKFAILED` / `<id>`), in Tables."""

from __future__ import annotations

import json
from collections.abc import Iterable

from azure.data.tables import TableClient

from adapters.app_platform_codec import message_doc, message_of, subscription_doc, subscription_of
from adapters.azure.table_entities import Entities, key
from adapters.scopes_codec import scopes_from_json, scopes_json
from application.ports.apps import Subscriptions
from domain.apps import Subscription, Watch, WebhookMessage

WATCH, FAILED = "WATCH", "WEBHOOKFAILED"


class TableSubscriptions(Subscriptions):
    def __init__(self, table_client: TableClient) -> None:
        self._entities = Entities(table_client)

    def subscribe(self, subscription: Subscription) -> None:
        doc = subscription_doc(subscription)
        pk = key("APP", subscription.app_id)
        self._entities.put({"PartitionKey": pk, "RowKey": "SUBSCRIPTION", "doc": doc})

    def get(self, app_id: str) -> Subscription | None:
        entity = self._entities.get(key("APP", app_id), "SUBSCRIPTION")
        return subscription_of(entity["doc"]) if entity else None

    def unsubscribe(self, app_id: str) -> None:
        self._entities.delete(key("APP", app_id), "SUBSCRIPTION")

    def watch(self, watch: Watch) -> None:
        self._entities.put(
            {
                "PartitionKey": WATCH,
                "RowKey": key(watch.owner_id, watch.app_id),
                "owner": watch.owner_id,
                "app": watch.app_id,
                "scopes": scopes_json(watch.scopes),
            }
        )

    def unwatch(self, owner_id: str, app_id: str) -> None:
        self._entities.delete(WATCH, key(owner_id, app_id))

    def watching(self, owner_ids: Iterable[str]) -> list[Watch]:
        owners = set(owner_ids)
        if not owners:
            return []
        first, last = min(key(o) for o in owners), max(key(o) for o in owners)
        found = self._entities.between(WATCH, first, f"{last}|~")
        return [
            Watch(e["owner"], e["app"], scopes_from_json(e["scopes"]))
            for e in found
            if e["owner"] in owners
        ]

    def keep_failed(self, message: WebhookMessage) -> None:
        self._entities.put(
            {"PartitionKey": FAILED, "RowKey": message.id, "doc": message_doc(message)}
        )

    def failed(self) -> list[WebhookMessage]:
        messages = [message_of(e["doc"]) for e in self._entities.partition(FAILED)]
        return sorted(messages, key=lambda m: (m.created_at, m.id))

    def take_failed(self, message_id: str) -> WebhookMessage | None:
        entity = self._entities.get(FAILED, message_id)
        if entity is None:
            return None
        self._entities.delete(FAILED, message_id)
        return message_of(json.loads(entity["doc"]))
