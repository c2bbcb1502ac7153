from __future__ import annotations

import attrs

from application.ports.live import LiveConnections


@attrs.frozen
class CloseLiveUpdatesCommand:
    client_id: str


class CloseLiveUpdates:
    """A client left: nothing more is sent to it (an unknown one: nothing happens)."""

    def __init__(self, connections: LiveConnections) -> None:
        self._connections = connections

    def __call__(self, command: CloseLiveUpdatesCommand) -> None:
        self._connections.detach(command.client_id)
