from __future__ import annotations

import secrets
from collections.abc import Sequence

import attrs

from application.ports.apps import AppRequests, ApprovalWorkflow
from application.ports.clock import Clock
from domain.apps import AppRequest, digest


@attrs.frozen
class RequestAppCommand:
    name: str
    redirect_uris: Sequence[str]
    contact: str
    requests_per_minute: int | None = None


@attrs.frozen
class Requested:
    """The request, and the client secret the app will authenticate with once registered
    (shown this once; only its digest is kept)."""

    request: AppRequest
    client_secret: str


class RequestApp:
    """A developer asks for an app to be registered; an administrator decides within 7 days."""

    def __init__(self, requests: AppRequests, workflow: ApprovalWorkflow, clock: Clock) -> None:
        self._requests, self._workflow, self._clock = requests, workflow, clock

    def __call__(self, command: RequestAppCommand) -> Requested:
        secret = f"pcs_{secrets.token_urlsafe(32)}"
        request = AppRequest.new(
            command.name,
            list(command.redirect_uris),
            command.contact,
            command.requests_per_minute,
            self._clock.now(),
            digest(secret),
        )
        self._requests.put(request)
        self._workflow.start(request)
        return Requested(request, secret)
