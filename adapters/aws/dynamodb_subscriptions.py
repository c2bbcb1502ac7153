"""Apps' subscriptions (`APP#<app>` / `SUBSCRIPTION`), the grants the intake reads (one
partition, `WATCH` / `<owner>#<app>`: one Query a batch, bounded by the batch's first and last
owner), and failed messages (`WEBHOOKFAILED` / `<id>`), in DynamoDB."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from adapters.app_platform_codec import message_doc, message_of, subscription_doc, subscription_of
from adapters.aws.dynamodb_items import Items, key, plain
from adapters.scopes_codec import scope_values, scopes_of
from application.ports.apps import Subscriptions
from domain.apps import Subscription, Watch, WebhookMessage

WATCH, FAILED = "WATCH", "WEBHOOKFAILED"


class DynamoDBSubscriptions(Subscriptions):
    def __init__(self, client: Any, table: str) -> None:
        self._items = Items(client, table)

    def subscribe(self, subscription: Subscription) -> None:
        doc = subscription_doc(subscription)
        self._items.put({"pk": f"APP#{subscription.app_id}", "sk": "SUBSCRIPTION", "doc": doc})

    def get(self, app_id: str) -> Subscription | None:
        item = self._items.get(f"APP#{app_id}", "SUBSCRIPTION")
        return subscription_of(item["doc"]) if item else None

    def unsubscribe(self, app_id: str) -> None:
        self._items.delete(f"APP#{app_id}", "SUBSCRIPTION")

    def watch(self, watch: Watch) -> None:
        self._items.put(
            {
                "pk": WATCH,
                "sk": f"{watch.owner_id}#{watch.app_id}",
                "owner": watch.owner_id,
                "app": watch.app_id,
                "scopes": scope_values(watch.scopes),
            }
        )

    def unwatch(self, owner_id: str, app_id: str) -> None:
        self._items.delete(WATCH, f"{owner_id}#{app_id}")

    def watching(self, owner_ids: Iterable[str]) -> list[Watch]:
        owners = sorted(set(owner_ids))
        if not owners:
            return []
        found = self._items.query(
            KeyConditionExpression="pk = :pk AND sk BETWEEN :first AND :last",
            ExpressionAttributeValues={
                ":pk": {"S": WATCH},
                ":first": {"S": f"{owners[0]}#"},
                ":last": {"S": f"{owners[-1]}#~"},
            },
            ConsistentRead=False,  # half a read unit per 4 KB; a grant a moment old may lag
        )
        wanted = set(owners)
        return [
            Watch(item["owner"], item["app"], scopes_of(item["scopes"]))
            for item in found
            if item["owner"] in wanted
        ]

    def keep_failed(self, message: WebhookMessage) -> None:
        self._items.put({"pk": FAILED, "sk": message.id, "doc": message_doc(message)})

    def failed(self) -> list[WebhookMessage]:
        messages = [message_of(item["doc"]) for item in self._items.partition(FAILED)]
        return sorted(messages, key=lambda m: (m.created_at, m.id))

    def take_failed(self, message_id: str) -> WebhookMessage | None:
        answer = self._items.client.delete_item(
            TableName=self._items.table, Key=key(FAILED, message_id), ReturnValues="ALL_OLD"
        )
        return message_of(plain(answer["Attributes"])["doc"]) if "Attributes" in answer else None
