"""TrackerRepository: create only if absent, update only from the version read."""

from __future__ import annotations

import functools
from datetime import UTC, datetime

import attrs
import pytest

from application.ports.trackers import TrackerRepository
from domain.errors import Conflict
from domain.readings import Position
from domain.safe_zones import SafeZone
from domain.trackers import Counting, Route, Tracker

from .concurrency import all_at_once

AS_OF = datetime(2026, 11, 20, 7, 59, 30, 250000, tzinfo=UTC)


def test_a_paired_tracker_comes_back_whole(trackers: TrackerRepository) -> None:
    tracker = Tracker("T-1", "pet-1", "owner-1")
    trackers.save(tracker)
    watched = attrs.evolve(tracker, battery_low=True, battery_as_of=AS_OF, version=2)
    trackers.save(watched)
    assert trackers.get("T-1") == watched


def test_what_a_tracker_counts_toward_and_its_routes_come_back(
    trackers: TrackerRepository,
) -> None:
    tracker = Tracker(
        "T-1",
        "pet-2",
        "owner-1",
        counting=Counting("Ré ☃", 12_000, "America/St_Johns"),
        earlier=(Route("pet-1", "UTC", AS_OF), Route("pet-2", "Asia/Kathmandu", AS_OF)),
    )
    trackers.save(tracker)
    assert trackers.get("T-1") == tracker
    assert trackers.get_many(["T-1"]) == {"T-1": tracker}


def test_many_trackers_are_read_at_once(trackers: TrackerRepository) -> None:
    """Those paired, by serial; a serial asked twice or never paired is simply not there twice."""
    paired = {f"T-{n}": Tracker(f"T-{n}", f"pet-{n}", "owner-1") for n in range(120)}
    for tracker in paired.values():
        trackers.save(tracker)
    asked = [*paired, "T-1", "T-unknown"]
    assert trackers.get_many(asked) == paired
    assert trackers.get_many([]) == {}


def test_a_tracker_never_paired_is_none(trackers: TrackerRepository) -> None:
    assert trackers.get("T-unknown") is None


def test_creating_a_tracker_that_exists_conflicts(trackers: TrackerRepository) -> None:
    trackers.save(Tracker("T-1", "pet-1", "owner-1"))
    with pytest.raises(Conflict):
        trackers.save(Tracker("T-1", "pet-2", "owner-2"))
    assert trackers.get("T-1") == Tracker("T-1", "pet-1", "owner-1")


def test_updating_from_a_stale_version_conflicts(trackers: TrackerRepository) -> None:
    tracker = Tracker("T-1", "pet-1", "owner-1")
    trackers.save(tracker)
    moved = attrs.evolve(tracker, pet_id="pet-2", version=2)
    trackers.save(moved)
    with pytest.raises(Conflict):
        trackers.save(attrs.evolve(tracker, pet_id="pet-3", version=2))
    assert trackers.get("T-1") == moved


def test_updating_a_tracker_never_created_conflicts(trackers: TrackerRepository) -> None:
    with pytest.raises(Conflict):
        trackers.save(Tracker("T-1", "pet-1", "owner-1", version=2))
    assert trackers.get("T-1") is None


def test_a_pets_trackers_follow_their_pairing(trackers: TrackerRepository) -> None:
    for serial in ("T-2", "T-1", "T-3"):
        trackers.save(Tracker(serial, "pet-1", "owner-1"))
    trackers.save(Tracker("T-2", "pet-2", "owner-1", version=2))
    assert sorted(t.serial for t in trackers.of_pet("pet-1")) == ["T-1", "T-3"]
    assert [t.serial for t in trackers.of_pet("pet-2")] == ["T-2"]
    assert trackers.of_pet("pet-9") == []


def test_of_concurrent_first_pairings_exactly_one_wins(trackers: TrackerRepository) -> None:
    def pair(pet_id: str) -> str:
        try:
            trackers.save(Tracker("T-1", pet_id, "owner-1"))
        except Conflict:
            return "conflict"
        return "saved"

    pet_ids = [f"pet-{n}" for n in range(8)]
    outcomes = all_at_once([functools.partial(pair, pet_id) for pet_id in pet_ids])
    assert sorted(outcomes) == ["conflict"] * 7 + ["saved"]
    assert trackers.get("T-1").pet_id == pet_ids[outcomes.index("saved")]  # type: ignore[union-attr]


def test_a_removed_tracker_is_unpaired_and_may_be_paired_afresh(
    trackers: TrackerRepository,
) -> None:
    trackers.save(Tracker("T-1", "pet-1", "owner-1"))
    trackers.save(Tracker("T-2", "pet-1", "owner-1"))
    trackers.remove("T-1")
    trackers.remove("T-1")  # again: nothing happens
    trackers.remove("T-unknown")
    assert trackers.get("T-1") is None
    assert trackers.of_pet("pet-1") == [Tracker("T-2", "pet-1", "owner-1")]
    trackers.save(Tracker("T-1", "pet-9", "owner-2"))
    assert trackers.get("T-1") == Tracker("T-1", "pet-9", "owner-2")
    assert trackers.of_pet("pet-1") == [Tracker("T-2", "pet-1", "owner-1")]


def test_the_safe_zone_a_tracker_counts_toward_comes_back(trackers: TrackerRepository) -> None:
    zone = SafeZone(Position(52.52, 13.405), 200.0)
    tracker = Tracker("T-1", "pet-1", "owner-1", counting=Counting("Rex", 8000, "UTC", zone))
    trackers.save(tracker)
    assert trackers.get("T-1") == tracker
    unzoned = attrs.evolve(tracker, counting=Counting("Rex", 8000, "UTC"), version=2)
    trackers.save(unzoned)
    assert trackers.get_many(["T-1"]) == {"T-1": unzoned}
