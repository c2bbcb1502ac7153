"""Keeping what a tracker's readings count toward (domain.trackers.Counting) in step with its pet
and the pet's owner: the use cases that change a pairing, a goal or a time zone call these."""

from __future__ import annotations

from datetime import datetime

from application.ports.trackers import TrackerRepository
from domain.errors import Conflict
from domain.pets import Pet
from domain.trackers import Tracker

MAX_ATTEMPTS = 5


def recount(trackers: TrackerRepository, pet: Pet, time_zone: str, now: datetime) -> None:
    """Every tracker of the pet counts toward the pet's goal in its owner's zone from now on."""
    for tracker in trackers.of_pet(pet.id):
        keep_counting(trackers, tracker, pet, time_zone, now)


def keep_counting(
    trackers: TrackerRepository, tracker: Tracker, pet: Pet, time_zone: str, now: datetime
) -> None:
    """The tracker, if it is still the pet's, counting for it as it is now; a change lost to a
    concurrent one is made again on the newer tracker."""
    for _ in range(MAX_ATTEMPTS):
        if tracker.pet_id != pet.id:
            return
        changed = tracker.counting_for(pet, time_zone, now)
        if changed is tracker:
            return
        try:
            trackers.save(changed)
            return
        except Conflict:
            found = trackers.get(tracker.serial)
            if found is None:
                return
            tracker = found
    raise Conflict(f"tracker {tracker.serial!r} kept changing")
