"""Developers' requests to register apps, in DynamoDB: one item per request; pending ones also
in gsi1 (`APPREQUESTS#pending` / `<requested at>#<id>`), which a decided request leaves."""

from __future__ import annotations

from typing import Any

from adapters.app_platform_codec import request_doc, request_of
from adapters.aws.dynamodb_items import Items
from application.ports.apps import AppRequests
from domain.apps import AppRequest, RequestState

PENDING = "APPREQUESTS#pending"


class DynamoDBAppRequests(AppRequests):
    def __init__(self, client: Any, table: str) -> None:
        self._items = Items(client, table)

    def put(self, request: AppRequest) -> None:
        item: dict[str, object] = {"pk": f"APPREQUEST#{request.id}", "sk": "REQUEST"}
        item["doc"] = request_doc(request)
        if request.state is RequestState.PENDING:
            item["gsi1pk"] = PENDING
            item["gsi1sk"] = f"{request.requested_at.isoformat()}#{request.id}"
        self._items.put(item)

    def get(self, request_id: str) -> AppRequest | None:
        item = self._items.get(f"APPREQUEST#{request_id}", "REQUEST")
        return request_of(item["doc"]) if item else None

    def pending(self) -> list[AppRequest]:
        return [request_of(item["doc"]) for item in self._items.partition(PENDING, index="gsi1")]
