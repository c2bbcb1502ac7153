"""LiveUpdates: an update reaches every open connection of its owner, and nobody else's.

Connections are opened, closed and read through the harness (see harnesses.py):
`received(owner, n)` is what each connection the owner opened got, in opening order.
"""

from __future__ import annotations

import threading
from datetime import date

from domain.announcements import ActivityUpdated

from .harnesses.live import LiveHarness

DAY = date(2026, 11, 20)
REX_AT_1200 = ActivityUpdated("alice", "rex", DAY, 1200)
REX_AT_1500 = ActivityUpdated("alice", "rex", DAY, 1500)
TOM_AT_300 = ActivityUpdated("bob", "tom", DAY, 300)


def test_an_update_reaches_every_open_connection_of_its_owner(live: LiveHarness) -> None:
    live.connect("alice")
    live.connect("alice")
    live.live.publish(REX_AT_1200)
    assert live.received("alice", 1) == [[REX_AT_1200.payload()], [REX_AT_1200.payload()]]
    assert REX_AT_1200.payload() == {
        "type": "activity-updated",
        "pet_id": "rex",
        "day": "2026-11-20",
        "steps": 1200,
    }


def test_an_update_reaches_no_other_owners_connections(live: LiveHarness) -> None:
    live.connect("alice")
    live.connect("bob")
    live.live.publish(REX_AT_1200)
    live.live.publish(TOM_AT_300)
    assert live.received("alice", 1) == [[REX_AT_1200.payload()]]
    assert live.received("bob", 1) == [[TOM_AT_300.payload()]]


def test_updates_arrive_in_the_order_they_were_published(live: LiveHarness) -> None:
    # Not in the port's docstring yet: a live dashboard shows the last total it got.
    live.connect("alice")
    live.live.publish(REX_AT_1200)
    live.live.publish(REX_AT_1500)
    assert live.received("alice", 2) == [[REX_AT_1200.payload(), REX_AT_1500.payload()]]


def test_an_update_for_an_owner_without_connections_goes_nowhere(live: LiveHarness) -> None:
    live.connect("alice")
    live.live.publish(TOM_AT_300)
    live.connect("bob")
    assert live.received("bob", 0) == [[]]
    assert live.received("alice", 0) == [[]]


def test_after_disconnecting_nothing_more_arrives(live: LiveHarness) -> None:
    laptop = live.connect("alice")
    live.live.publish(REX_AT_1200)
    assert live.received("alice", 1) == [[REX_AT_1200.payload()]]
    live.disconnect(laptop)
    live.connect("alice")
    live.live.publish(REX_AT_1500)
    assert live.received("alice", 1) == [[REX_AT_1200.payload()], [REX_AT_1500.payload()]]


def test_a_connection_whose_send_fails_does_not_stop_the_others(live: LiveHarness) -> None:
    live.connect("alice", failing=True)
    live.connect("alice")
    live.connect("alice", failing=True)
    live.connect("bob")
    live.live.publish(REX_AT_1200)
    live.live.publish(REX_AT_1500)
    live.live.publish(TOM_AT_300)
    both = [REX_AT_1200.payload(), REX_AT_1500.payload()]
    assert live.received("alice", 2) == [[], both, []]
    assert live.received("bob", 1) == [[TOM_AT_300.payload()]]


def test_updates_published_from_worker_threads_reach_the_connections(live: LiveHarness) -> None:
    """Use cases publish from worker threads, not from the loop that owns the connections."""
    live.connect("alice")
    workers = [threading.Thread(target=live.live.publish, args=(REX_AT_1200,)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=2)
    assert live.received("alice", 4) == [[REX_AT_1200.payload()] * 4]


def test_closing_an_owners_connections_closes_every_one_and_no_other(live: LiveHarness) -> None:
    laptop, phone, theirs = live.connect("alice"), live.connect("alice"), live.connect("bob")
    live.live.publish(REX_AT_1200)
    assert live.received("alice", 1) == [[REX_AT_1200.payload()], [REX_AT_1200.payload()]]
    live.live.close_connections("alice")
    live.live.close_connections("alice")  # again: nothing happens
    live.live.close_connections("carol")  # none open: nothing happens
    live.live.publish(REX_AT_1500)
    live.live.publish(TOM_AT_300)
    assert [live.is_open(listener) for listener in (laptop, phone, theirs)] == [False, False, True]
    assert live.received("bob", 1) == [[TOM_AT_300.payload()]]
    assert live.received("alice", 0) == [[REX_AT_1200.payload()], [REX_AT_1200.payload()]]


def test_listening_names_the_owners_with_a_connection_open(live: LiveHarness) -> None:
    """Asked about many owners at once (a batch of readings): those with a connection open are
    named; one never connected is not. One whose connection closed may still be named for a
    while (where the service holds connections and tells nobody that they closed)."""
    assert live.connections.listening({"alice", "bob"}) == set()
    live.connect("alice")
    live.connect("carol")
    assert live.connections.listening({"alice", "bob"}) == {"alice"}
    assert live.connections.listening(["carol", "alice", "dave"]) == {"alice", "carol"}
