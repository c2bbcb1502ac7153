"""The live clients this process holds itself (the local server's `/live` sockets), per owner.

A client comes with its own `deliver` and `hang_up` (application/ports/live.py), so this
registry knows no framework and no event loop: the local server's LiveClient schedules on
its socket's loop. Thread-safe: use cases attach, publish and detach from worker threads.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Collection

from application.ports.live import LiveClient, LiveConnections


class InProcessLiveConnections(LiveConnections):
    def __init__(self) -> None:
        self._clients: defaultdict[str, dict[str, LiveClient]] = defaultdict(dict)
        self._owners: dict[str, str] = {}
        self._lock = threading.Lock()

    def attach(self, owner_id: str, client: LiveClient | None) -> str | None:
        if client is None:
            raise ValueError("an in-process live client is attached with its connection")
        with self._lock:
            self._clients[owner_id][client.id] = client
            self._owners[client.id] = owner_id
        return None

    def detach(self, client_id: str) -> None:
        with self._lock:
            owner_id = self._owners.pop(client_id, None)
            if owner_id is None:
                return
            self._clients[owner_id].pop(client_id, None)
            if not self._clients[owner_id]:
                del self._clients[owner_id]

    def listening(self, owner_ids: Collection[str]) -> set[str]:
        with self._lock:
            return {owner_id for owner_id in owner_ids if self._clients.get(owner_id)}

    def of_owner(self, owner_id: str) -> list[LiveClient]:
        """The owner's clients now attached, in the order they came."""
        with self._lock:
            return list(self._clients.get(owner_id, {}).values())
