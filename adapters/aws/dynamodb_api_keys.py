"""API keys, in DynamoDB.

API keys are stored as their record only (prefix, digest, purpose, name,
revoked): the plaintext is never written anywhere. Each record is also in the index gsi1 under
one partition, APIKEYS, so that the operator's listing is a Query, not a Scan of the table.
"""

from __future__ import annotations

from typing import Any

from adapters.aws.dynamodb_items import Item, Items
from application.ports.api_keys import ApiKeyRepository
from domain.api_keys import ApiKey, Purpose, prefix_taken

LISTING = "APIKEYS"


class DynamoDBApiKeyRepository(ApiKeyRepository):
    def __init__(self, client: Any, table: str) -> None:
        self._items = Items(client, table)

    def add(self, key: ApiKey) -> None:
        if not self._items.put_new(_item(key)):
            raise prefix_taken()

    def get(self, prefix: str) -> ApiKey | None:
        item = self._items.get(f"APIKEY#{prefix}", "APIKEY")
        return None if item is None else _key(item)

    def all(self) -> list[ApiKey]:
        return [_key(item) for item in self._items.partition(LISTING, index="gsi1")]

    def save(self, key: ApiKey) -> None:
        self._items.put(_item(key))


def _key(item: Item) -> ApiKey:
    purpose = Purpose(item["purpose"])
    return ApiKey(item["prefix"], item["digest"], purpose, item["name"], item["revoked"])


def _item(key: ApiKey) -> Item:
    return {
        "pk": f"APIKEY#{key.prefix}",
        "sk": "APIKEY",
        "gsi1pk": LISTING,
        "gsi1sk": key.prefix,
        "prefix": key.prefix,
        "digest": key.digest,
        "purpose": key.purpose.value,
        "name": key.name,
        "revoked": key.revoked,
    }
