"""Announcements made once, in DynamoDB: a claim is an item created only if absent.

Claims expire by TTL after 120 days, so the table does not grow for ever: by
then no delivery can bring their announcement back, as readings older than 90
days are refused. A claim past its expiry that TTL has not deleted yet counts
as absent.
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

from adapters.aws.dynamodb_items import Items
from application.ports.notifications import AnnouncementLog

KEPT_FOR = timedelta(days=120)


class DynamoDBAnnouncementLog(AnnouncementLog):
    def __init__(self, client: Any, table: str) -> None:
        self._items = Items(client, table)

    def claim(self, key: str) -> bool:
        now = int(time.time())
        return self._items.put_new(
            {
                "pk": f"ANNOUNCEMENT#{key}",
                "sk": "CLAIM",
                "expires_at": now + int(KEPT_FOR.total_seconds()),
            },
            or_if="expires_at <= :now",
            ExpressionAttributeValues={":now": {"N": str(now)}},
        )

    def release(self, key: str) -> None:
        self._items.delete(f"ANNOUNCEMENT#{key}", "CLAIM")
