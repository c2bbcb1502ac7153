"""Developers' requests to register apps, in DynamoDB: one item per request; pending ones also
in gsi1 (`APPREQUESTS#pending` / `<requested at>#<id>`), which a decided request leaves."""

from __future__ import annotations

from typing import Any

import attrs

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
        item["state"] = request.state.value  # the workflow's timeout refuses by this attribute
        if request.state is RequestState.PENDING:
            item["gsi1pk"] = PENDING
            item["gsi1sk"] = f"{request.requested_at.isoformat()}#{request.id}"
        self._items.put(item)

    def get(self, request_id: str) -> AppRequest | None:
        item = self._items.get(f"APPREQUEST#{request_id}", "REQUEST")
        return _as_stored(item) if item else None

    def pending(self) -> list[AppRequest]:
        found = (_as_stored(item) for item in self._items.partition(PENDING, index="gsi1"))
        return [request for request in found if request.state is RequestState.PENDING]


def _as_stored(item: dict[str, Any]) -> AppRequest:
    """The request, refused if the workflow's timeout refused it (it sets `state` alone)."""
    request = request_of(item["doc"])
    if item.get("state") == RequestState.REFUSED.value:
        request = attrs.evolve(request, state=RequestState.REFUSED)
    return request
