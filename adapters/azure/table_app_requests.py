"""Developers' requests to register apps, in Tables: one entity per request, and an index
entity per pending one (`APPREQUESTS|pending` / `<requested at>|<id>`), removed on decision."""

from __future__ import annotations

from azure.data.tables import TableClient

from adapters.app_platform_codec import request_doc, request_of
from adapters.azure.table_entities import Entities, key
from application.ports.apps import AppRequests
from domain.apps import AppRequest, RequestState

PENDING = "APPREQUESTS|pending"


class TableAppRequests(AppRequests):
    def __init__(self, table_client: TableClient) -> None:
        self._entities = Entities(table_client)

    def put(self, request: AppRequest) -> None:
        doc = request_doc(request)
        index = f"{request.requested_at.isoformat()}|{request.id}"
        if request.state is RequestState.PENDING:  # the index first: a leftover is checked on read
            self._entities.put({"PartitionKey": PENDING, "RowKey": index, "id": request.id})
        self._entities.put(
            {"PartitionKey": key("APPREQUEST", request.id), "RowKey": "REQUEST", "doc": doc}
        )
        if request.state is not RequestState.PENDING:
            self._entities.delete(PENDING, index)

    def get(self, request_id: str) -> AppRequest | None:
        entity = self._entities.get(key("APPREQUEST", request_id), "REQUEST")
        return request_of(entity["doc"]) if entity else None

    def pending(self) -> list[AppRequest]:
        found = (self.get(entity["id"]) for entity in self._entities.partition(PENDING))
        return [r for r in found if r is not None and r.state is RequestState.PENDING]
