from __future__ import annotations

import attrs

from application.ports.live import LiveClient, LiveConnections
from domain.access import Caller
from domain.errors import AccessDenied


@attrs.frozen
class OpenLiveUpdatesCommand:
    caller: Caller
    client: LiveClient | None = None  # None where the service connects the client (Web PubSub)


class OpenLiveUpdates:
    """An owner's client starts receiving the owner's live updates. Live updates are the
    owner's own: an app acting for the owner is refused (AccessDenied), on every transport.
    The answer is where to connect, for a service that connects clients itself, else None."""

    def __init__(self, connections: LiveConnections) -> None:
        self._connections = connections

    def __call__(self, command: OpenLiveUpdatesCommand) -> str | None:
        if command.caller.is_app:
            raise AccessDenied("live updates are for owners, not apps")
        return self._connections.attach(command.caller.user_id, command.client)
