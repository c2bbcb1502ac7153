"""Contract-test harness: what an owner's open live connections received."""

from __future__ import annotations

import abc
import asyncio
import threading
import time
from datetime import timedelta

import attrs

from adapters.local.inprocess_live_connections import InProcessLiveConnections
from adapters.local.inprocess_live_updates import InProcessLiveUpdates
from adapters.local.memory_live_updates import InMemoryLiveUpdates
from application.ports.live import LiveClient, LiveConnections
from application.ports.notifications import LiveUpdates
from entrypoints.local.live import socket_client

# Live updates: what an owner's open connections received is seen on the connections.

Payload = dict[str, object]


WAIT = timedelta(seconds=2)


@attrs.define(eq=False)
class Listener:
    """One live connection of an owner, as a test holds it."""

    owner_id: str
    failing: bool = False


class LiveHarness(abc.ABC):
    """LiveUpdates plus connections of owners that receive what it publishes; `connections`
    is where they are attached (LiveConnections, which says who listens)."""

    live: LiveUpdates
    connections: LiveConnections

    @abc.abstractmethod
    def connect(self, owner_id: str, *, failing: bool = False) -> Listener:
        """Open a connection of the owner; a failing one breaks on every send."""

    @abc.abstractmethod
    def disconnect(self, listener: Listener) -> None:
        """Close the connection, as the server does when its client leaves."""

    @abc.abstractmethod
    def is_open(self, listener: Listener) -> bool:
        """Whether the connection is still open: neither its client nor the server closed it."""

    @abc.abstractmethod
    def received(self, owner_id: str, count: int) -> list[list[Payload]]:
        """What each connection the owner ever opened received, in the order they were opened.

        Waits (at most WAIT) until every open, healthy one has `count` updates, then
        until all that was published so far has been delivered wherever it goes.
        """


class _Closing(InMemoryLiveUpdates):
    """Tells the harness when an owner's connections are closed."""

    def __init__(self, harness: InMemoryLiveHarness) -> None:
        super().__init__()
        self._harness = harness

    def close_connections(self, owner_id: str) -> None:
        super().close_connections(owner_id)
        for listener in self._harness.open_listeners(owner_id):
            self._harness.disconnect(listener)


class InMemoryLiveHarness(LiveHarness):
    """InMemoryLiveUpdates keeps what it published; a connection hears what was published while it was open."""

    def __init__(self) -> None:
        self.live = self._recorder = _Closing(self)
        self.connections = InProcessLiveConnections()  # as the memory provider has it
        self._listeners: dict[Listener, tuple[int, int | None]] = {}

    def open_listeners(self, owner_id: str) -> list[Listener]:
        return [lsn for lsn in self._listeners if lsn.owner_id == owner_id and self.is_open(lsn)]

    def is_open(self, listener: Listener) -> bool:
        return self._listeners[listener][1] is None

    def connect(self, owner_id: str, *, failing: bool = False) -> Listener:
        listener = Listener(owner_id, failing)
        self._listeners[listener] = (len(self._recorder.published), None)
        self.connections.attach(owner_id, LiveClient(str(id(listener))))
        return listener

    def disconnect(self, listener: Listener) -> None:
        self._listeners[listener] = (self._listeners[listener][0], len(self._recorder.published))
        self.connections.detach(str(id(listener)))

    def received(self, owner_id: str, count: int) -> list[list[Payload]]:
        return [
            []
            if listener.failing
            else [
                u.payload() for u in self._recorder.published[start:end] if u.owner_id == owner_id
            ]
            for listener, (start, end) in self._listeners.items()
            if listener.owner_id == owner_id
        ]


class FakeSocket:
    """A WebSocket as the local server's live endpoint attaches it: records, or breaks."""

    def __init__(self, failing: bool) -> None:
        self.payloads: list[Payload] = []
        self.closed = False
        self._failing, self._arrived = failing, threading.Condition()

    async def close(self, code: int = 1000, reason: str | None = None) -> None:
        self.closed = True

    async def send_json(self, payload: Payload) -> None:
        if self._failing:
            raise ConnectionResetError("the client has gone")
        with self._arrived:
            self.payloads.append(payload)
            self._arrived.notify_all()

    def wait_for(self, count: int, deadline: float) -> None:
        with self._arrived:
            self._arrived.wait_for(
                lambda: len(self.payloads) >= count, timeout=max(0.0, deadline - time.monotonic())
            )


class InProcessLiveHarness(LiveHarness):
    """InProcessLiveUpdates with fake sockets attached as the local server's /live attaches its
    own (socket_client), on an event loop of their own."""

    def __init__(self) -> None:
        self.connections = InProcessLiveConnections()
        self.live = InProcessLiveUpdates(self.connections)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._listeners: dict[Listener, tuple[FakeSocket, LiveClient]] = {}
        self._closed: set[Listener] = set()

    def connect(self, owner_id: str, *, failing: bool = False) -> Listener:
        listener, socket = Listener(owner_id, failing), FakeSocket(failing)
        client = socket_client(socket, self._loop)
        self.connections.attach(owner_id, client)
        self._listeners[listener] = (socket, client)
        return listener

    def is_open(self, listener: Listener) -> bool:
        self._settle()  # a close scheduled on the loop has run
        return listener not in self._closed and not self._listeners[listener][0].closed

    def disconnect(self, listener: Listener) -> None:
        self.connections.detach(self._listeners[listener][1].id)
        self._closed.add(listener)

    def received(self, owner_id: str, count: int) -> list[list[Payload]]:
        deadline = time.monotonic() + WAIT.total_seconds()
        mine = [
            (lsn, sock) for lsn, (sock, _) in self._listeners.items() if lsn.owner_id == owner_id
        ]
        for listener, socket in mine:
            if not listener.failing and listener not in self._closed and not socket.closed:
                socket.wait_for(count, deadline)
        self._settle()
        return [list(socket.payloads) for _, socket in mine]

    def _settle(self) -> None:
        """Sends scheduled before this call have run once it returns: the loop runs callbacks in order."""

        async def a_few_turns() -> None:
            for _ in range(3):
                await asyncio.sleep(0)

        asyncio.run_coroutine_threadsafe(a_few_turns(), self._loop).result(WAIT.total_seconds())

    def close(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(WAIT.total_seconds())
        self._loop.close()
