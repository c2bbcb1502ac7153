"""Live updates to the clients this process holds (InProcessLiveConnections).

`publish` hands each of the owner's clients the update; a client whose delivery raises
(its socket or loop is gone) is detached and the others still get it.
"""

from __future__ import annotations

import contextlib
import logging

from adapters.local.inprocess_live_connections import InProcessLiveConnections
from application.ports.notifications import LiveUpdates
from domain.announcements import ActivityUpdated

log = logging.getLogger(__name__)


class InProcessLiveUpdates(LiveUpdates):
    def __init__(self, connections: InProcessLiveConnections) -> None:
        self._connections = connections

    def publish(self, update: ActivityUpdated) -> None:
        payload = update.payload()
        for client in self._connections.of_owner(update.owner_id):
            if client.deliver is None:
                continue
            try:
                client.deliver(payload)
            except Exception:
                log.info("dropping a live client of %s: it is gone", update.owner_id)
                self._connections.detach(client.id)

    def close_connections(self, owner_id: str) -> None:
        for client in self._connections.of_owner(owner_id):
            self._connections.detach(client.id)
            if client.hang_up is not None:
                with contextlib.suppress(Exception):  # gone already: nothing left to close
                    client.hang_up()
