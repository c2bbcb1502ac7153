"""Developers' requests to register apps, in memory."""

from __future__ import annotations

import threading

from application.ports.apps import AppRequests
from domain.apps import AppRequest, RequestState


class InMemoryAppRequests(AppRequests):
    def __init__(self) -> None:
        self._requests: dict[str, AppRequest] = {}
        self._lock = threading.Lock()

    def put(self, request: AppRequest) -> None:
        with self._lock:
            self._requests[request.id] = request

    def get(self, request_id: str) -> AppRequest | None:
        return self._requests.get(request_id)

    def pending(self) -> list[AppRequest]:
        found = [r for r in self._requests.values() if r.state is RequestState.PENDING]
        return sorted(found, key=lambda r: (r.requested_at, r.id))
