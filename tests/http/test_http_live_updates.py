"""The local server's live clients: a socket attached through socket_client, as /live does.

What every LiveUpdates adapter promises is in tests/contracts/test_live_updates.py; these are
what only a socket on an event loop can get wrong.
"""

from __future__ import annotations

import asyncio
from datetime import date

from adapters.local.inprocess_live_connections import InProcessLiveConnections
from adapters.local.inprocess_live_updates import InProcessLiveUpdates
from domain.announcements import ActivityUpdated
from entrypoints.local.live import socket_client

UPDATE = ActivityUpdated("alice", "rex", date(2026, 11, 21), 1200)


class Socket:
    def __init__(self) -> None:
        self.received: list[object] = []

    async def send_json(self, data: object) -> None:
        self.received.append(data)

    async def close(self, code: int = 1000, reason: str | None = None) -> None:
        """Never reached in these tests."""


def test_a_client_on_a_closed_loop_is_detached_without_blocking() -> None:
    connections, closed = InProcessLiveConnections(), asyncio.new_event_loop()
    closed.close()
    connections.attach("alice", socket_client(Socket(), closed))
    InProcessLiveUpdates(connections).publish(UPDATE)
    assert connections.of_owner("alice") == []


def test_detaching_an_unknown_client_changes_nothing() -> None:
    connections, loop = InProcessLiveConnections(), asyncio.new_event_loop()
    try:
        kept = socket_client(Socket(), loop)
        connections.attach("alice", kept)
        connections.detach("never-attached")
        connections.detach(kept.id)
        connections.detach(kept.id)
        assert connections.of_owner("alice") == []
    finally:
        loop.close()
