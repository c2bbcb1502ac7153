"""The approval workflow on Durable Functions (entrypoints/azure_functions/approvals.py: an
external event raced with a timer), started and told of decisions through the Durable
extension's HTTP API (`/runtime/webhooks/durabletask`, its system key in Key Vault): the
instance id is the request's id, so starting again is harmless and a decision names it."""

from __future__ import annotations

from datetime import datetime

import httpx

from application.ports.apps import ApprovalWorkflow
from domain.apps import AppRequest
from domain.errors import Conflict

ORCHESTRATION, DECISION = "app_approval", "decision"
TIMEOUT_SECONDS = 10.0


class DurableApprovalWorkflow(ApprovalWorkflow):
    def __init__(self, http_client: httpx.Client, base_url: str, system_key: str) -> None:
        self._http, self._key = http_client, system_key
        self._base = f"{base_url.rstrip('/')}/runtime/webhooks/durabletask"

    def start(self, request: AppRequest) -> None:
        body = {"request_id": request.id, "deadline": request.deadline.isoformat()}
        answer = self._http.post(
            f"{self._base}/orchestrators/{ORCHESTRATION}/{request.id}",
            params={"code": self._key},
            json=body,
            timeout=TIMEOUT_SECONDS,
        )
        if answer.status_code not in (200, 202, 409):  # 409: this request's instance exists
            answer.raise_for_status()

    def waiting(self, request_id: str, token: str) -> None:
        pass  # the instance id is the request's id: nothing to remember

    def decide(self, request: AppRequest, approve: bool, now: datetime) -> None:
        answer = self._http.post(
            f"{self._base}/instances/{request.id}/raiseEvent/{DECISION}",
            params={"code": self._key},
            json={"approve": approve},
            timeout=TIMEOUT_SECONDS,
        )
        if answer.status_code in (400, 404, 410):  # ended (the timer won) or never started
            raise Conflict("the request no longer waits for a decision")
        answer.raise_for_status()

    def due(self, now: datetime) -> list[str]:
        return []  # the orchestration's timer refuses the request itself
