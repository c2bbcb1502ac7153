"""WebSocketLiveUpdates: sends scheduled from worker threads onto each connection's loop."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from datetime import date

import pytest

from adapters.local.websocket_live_updates import WebSocketLiveUpdates
from domain.announcements import ActivityUpdated

UPDATE = ActivityUpdated("alice", "rex", date(2026, 11, 21), 1200)


@pytest.fixture
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    running = asyncio.new_event_loop()
    thread = threading.Thread(target=running.run_forever, daemon=True)
    thread.start()
    yield running
    running.call_soon_threadsafe(running.stop)
    thread.join(timeout=5)
    running.close()


class Inbox:
    def __init__(self, fail: bool = False) -> None:
        self.received: list[dict[str, object]] = []
        self.arrived = threading.Event()
        self.fail = fail

    async def send(self, payload: dict[str, object]) -> None:
        if self.fail:
            raise ConnectionError("the socket is gone")
        self.received.append(payload)
        self.arrived.set()


def test_an_update_reaches_every_open_connection_of_its_owner_only(
    loop: asyncio.AbstractEventLoop,
) -> None:
    live, first, second, other = WebSocketLiveUpdates(), Inbox(), Inbox(), Inbox()
    live.connect("alice", first.send, loop)
    live.connect("alice", second.send, loop)
    live.connect("bob", other.send, loop)
    worker = threading.Thread(target=live.publish, args=(UPDATE,))
    worker.start()
    worker.join()
    assert first.arrived.wait(5) and second.arrived.wait(5)
    assert first.received == second.received == [UPDATE.payload()]
    assert not other.arrived.wait(0.1)


def test_a_disconnected_connection_hears_nothing(loop: asyncio.AbstractEventLoop) -> None:
    live, inbox = WebSocketLiveUpdates(), Inbox()
    live.disconnect(live.connect("alice", inbox.send, loop))
    live.publish(UPDATE)
    assert not inbox.arrived.wait(0.1)
    assert live.open_connections("alice") == 0


def test_a_connection_whose_send_fails_is_dropped(loop: asyncio.AbstractEventLoop) -> None:
    live, broken, healthy = WebSocketLiveUpdates(), Inbox(fail=True), Inbox()
    live.connect("alice", broken.send, loop)
    live.connect("alice", healthy.send, loop)
    live.publish(UPDATE)
    assert healthy.arrived.wait(5)
    for _ in range(100):
        if live.open_connections("alice") == 1:
            break
        threading.Event().wait(0.01)
    assert live.open_connections("alice") == 1


def test_a_connection_on_a_closed_loop_is_dropped_without_blocking() -> None:
    live, closed = WebSocketLiveUpdates(), asyncio.new_event_loop()
    closed.close()
    live.connect("alice", Inbox().send, closed)
    live.publish(UPDATE)
    assert live.open_connections("alice") == 0
