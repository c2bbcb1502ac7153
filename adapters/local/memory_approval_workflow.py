"""The approval workflow's states in memory: waiting until a deadline, then decided or timed
out; the same states as SqliteApprovalWorkflow, for the memory provider."""

from __future__ import annotations

import threading
from datetime import datetime

from application.ports.apps import ApprovalWorkflow
from domain.apps import AppRequest
from domain.errors import Conflict


class InMemoryApprovalWorkflow(ApprovalWorkflow):
    def __init__(self) -> None:
        self._waiting: dict[str, datetime] = {}
        self._ended: dict[str, str] = {}
        self._lock = threading.Lock()

    def start(self, request: AppRequest) -> None:
        with self._lock:
            if request.id not in self._ended:
                self._waiting.setdefault(request.id, request.deadline)

    def waiting(self, request_id: str, token: str) -> None:
        pass  # this workflow needs no token: the request's id names it

    def decide(self, request: AppRequest, approve: bool, now: datetime) -> None:
        with self._lock:
            deadline = self._waiting.get(request.id)
            if deadline is None or now >= deadline:
                raise Conflict("the request no longer waits for a decision")
            del self._waiting[request.id]
            self._ended[request.id] = "approved" if approve else "refused"

    def due(self, now: datetime) -> list[str]:
        with self._lock:
            found = sorted(r for r, deadline in self._waiting.items() if deadline <= now)
            for request_id in found:
                del self._waiting[request_id]
                self._ended[request_id] = "timed-out"
        return found
