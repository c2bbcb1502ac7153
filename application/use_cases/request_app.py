from __future__ import annotations

import secrets
from collections.abc import Sequence

import attrs

from application.ports.apps import AppRequests
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

    def __init__(self, requests: AppRequests, clock: Clock) -> None:
        self._requests, self._clock = requests, clock

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
        return Requested(request, secret)
