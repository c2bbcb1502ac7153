"""Fixed-window request counts in DynamoDB: one UpdateItem (`RATE#<key>` / `<window>`) that
adds one and returns the count — one write unit a request, no read — expiring by TTL."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from adapters.aws.dynamodb_items import epoch_seconds
from adapters.aws.dynamodb_items import key as item_key
from application.ports.apps import RateLimiter
from domain.limits import Allowance, allowance, window_start


class DynamoDBRateLimiter(RateLimiter):
    def __init__(self, client: Any, table: str) -> None:
        self._client, self._table = client, table

    def take(self, key: str, limit: int, window: timedelta, now: datetime) -> Allowance:
        start = window_start(now, window)
        answer = self._client.update_item(
            TableName=self._table,
            Key=item_key(f"RATE#{key}", start.isoformat()),
            UpdateExpression="ADD n :one SET expires_at = :expires",
            ExpressionAttributeValues={
                ":one": {"N": "1"},
                ":expires": {"N": str(epoch_seconds(start + window + window))},
            },
            ReturnValues="UPDATED_NEW",
        )
        return allowance(int(answer["Attributes"]["n"]["N"]), limit, start + window, now)
