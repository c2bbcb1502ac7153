"""Live updates to the open WebSocket connections of the local server.

Use cases run in worker threads, the connections live on the server's event
loop: `publish` schedules each send on its connection's loop and returns at
once. A connection whose send failed (closed socket, stopped loop) is dropped.
Framework-free: a connection is only an async `send` callable and its loop.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import defaultdict
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import Future
from typing import Any

import attrs

from application.ports.notifications import LiveUpdates
from domain.announcements import ActivityUpdated

Send = Callable[[dict[str, object]], Awaitable[None]]
Close = Callable[[], Awaitable[None]]
log = logging.getLogger(__name__)


@attrs.frozen(eq=False)
class Connection:
    """The handle `connect` returns; identity, not value, tells two connections apart."""

    owner_id: str
    send: Send
    loop: asyncio.AbstractEventLoop
    close: Close | None = None


class WebSocketLiveUpdates(LiveUpdates):
    def __init__(self) -> None:
        self._connections: defaultdict[str, set[Connection]] = defaultdict(set)
        self._lock = threading.Lock()

    def connect(
        self,
        owner_id: str,
        send: Send,
        loop: asyncio.AbstractEventLoop,
        close: Close | None = None,
    ) -> Connection:
        """Register an open socket; `close` is how the server closes it (see close_connections)."""
        connection = Connection(owner_id, send, loop, close)
        with self._lock:
            self._connections[owner_id].add(connection)
        return connection

    def disconnect(self, connection: Connection) -> None:
        with self._lock:
            self._connections[connection.owner_id].discard(connection)
            if not self._connections[connection.owner_id]:
                del self._connections[connection.owner_id]

    def open_connections(self, owner_id: str) -> int:
        with self._lock:
            return len(self._connections.get(owner_id, ()))

    def publish(self, update: ActivityUpdated) -> None:
        with self._lock:
            connections = list(self._connections.get(update.owner_id, ()))
        for connection in connections:
            self._schedule(connection, update.payload())

    def close_connections(self, owner_id: str) -> None:
        """Forgets the owner's sockets at once and closes each on its loop."""
        with self._lock:
            connections = self._connections.pop(owner_id, set())
        for connection in connections:
            if connection.close is not None:
                self._run(connection, _closing(connection.close))

    def _schedule(self, connection: Connection, payload: dict[str, object]) -> None:
        async def deliver() -> None:
            await connection.send(payload)

        self._run(connection, deliver())

    def _run(self, connection: Connection, delivery: Coroutine[Any, Any, None]) -> None:
        try:
            future = asyncio.run_coroutine_threadsafe(delivery, connection.loop)
        except RuntimeError:  # the loop is closed: the server has stopped
            delivery.close()
            self.disconnect(connection)
            return
        future.add_done_callback(lambda done: self._drop_if_failed(done, connection))

    def _drop_if_failed(self, done: Future[None], connection: Connection) -> None:
        if done.cancelled() or done.exception() is not None:
            log.info("dropping a live connection of %s: its send failed", connection.owner_id)
            self.disconnect(connection)


async def _closing(close: Close) -> None:
    await close()
