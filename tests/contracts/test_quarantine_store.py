"""QuarantineStore: kept once per id, listed oldest first until expiry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import attrs

from application.ports.quarantine import QuarantineStore
from domain.quarantine import KEPT_FOR, QuarantinedReading

NOW = datetime(2026, 11, 20, 8, 0, 0, 500, tzinfo=UTC)


def kept(
    tracker: str, steps: int, minutes_ago: int = 0, field: str | None = None
) -> QuarantinedReading:
    raw = {"time": "2026-11-20T07:00:00Z", "steps": steps}
    received = NOW - timedelta(minutes=minutes_ago)
    return QuarantinedReading.keep(tracker, raw, "the tracker is not paired", field, received)


def test_a_kept_entry_comes_back_whole(quarantine: QuarantineStore) -> None:
    entry = kept("T-1", 10, field="steps")
    quarantine.keep(entry)
    assert quarantine.list(NOW) == [entry]


def test_keeping_the_same_id_again_changes_nothing(quarantine: QuarantineStore) -> None:
    entry = kept("T-1", 10)
    quarantine.keep(entry)
    quarantine.keep(attrs.evolve(entry, reason="another reason", received_at=NOW))
    quarantine.keep(entry)
    assert quarantine.list(NOW) == [entry]


def test_entries_are_listed_oldest_first(quarantine: QuarantineStore) -> None:
    newest, oldest, middle = kept("T-1", 1, 0), kept("T-2", 2, 90), kept("T-1", 3, 45)
    for entry in (newest, oldest, middle):
        quarantine.keep(entry)
    assert quarantine.list(NOW) == [oldest, middle, newest]


def test_entries_can_be_listed_for_one_tracker(quarantine: QuarantineStore) -> None:
    first, other, second = kept("T-1", 1, 30), kept("T-2", 2, 20), kept("T-1", 3, 10)
    for entry in (first, other, second):
        quarantine.keep(entry)
    assert quarantine.list(NOW, tracker="T-1") == [first, second]
    assert quarantine.list(NOW, tracker="T-2") == [other]
    assert quarantine.list(NOW, tracker="T-3") == []


def test_entries_are_gone_once_they_expire(quarantine: QuarantineStore) -> None:
    older, newer = kept("T-1", 1, 60), kept("T-1", 2, 0)
    quarantine.keep(older)
    quarantine.keep(newer)
    assert quarantine.list(older.expires_at - timedelta(microseconds=1)) == [older, newer]
    assert quarantine.list(older.expires_at) == [newer]
    assert quarantine.list(NOW + KEPT_FOR) == []


def test_a_purge_deletes_the_expired_entries_for_good_and_keeps_the_rest(
    quarantine: QuarantineStore,
) -> None:
    old, young = kept("T-1", 1, minutes_ago=60), kept("T-1", 2)
    quarantine.keep(old)
    quarantine.keep(young)
    between = old.expires_at + timedelta(seconds=1)
    assert quarantine.purge(between) == 1
    assert quarantine.list(between) == [young]
    assert quarantine.list(NOW, "T-1") == [young], "the purged entry is gone, not only hidden"
    assert quarantine.purge(between) == 0


def test_a_forgotten_trackers_entries_are_gone_expired_or_not(
    quarantine: QuarantineStore,
) -> None:
    old, recent, theirs = kept("T-1", 1, 60 * 24 * 20), kept("T-1", 2), kept("T-2", 3)
    for entry in (old, recent, theirs):
        quarantine.keep(entry)
    quarantine.forget("T-1")
    quarantine.forget("T-1")  # again: nothing happens
    assert quarantine.list(NOW, "T-1") == []
    assert quarantine.list(NOW) == [theirs]
    assert quarantine.purge(NOW + KEPT_FOR * 2) == 1, "only the other tracker's entry was left"
