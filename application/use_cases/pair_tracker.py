from __future__ import annotations

import attrs

from application.authorization import PetAccess
from application.ports.clock import Clock
from application.ports.owners import OwnerRepository
from application.ports.trackers import TrackerRepository
from application.tracker_counting import keep_counting
from domain.access import Caller
from domain.trackers import Tracker, checked_serial, pair


@attrs.frozen
class PairTrackerCommand:
    caller: Caller
    pet_id: str
    serial: str


class PairTracker:
    """Pairs a tracker with the caller's pet; one paired with another owner's pet stays put (409).

    The tracker keeps the pet's goal and name and the owner's time zone. A goal or zone changed
    while it was being paired may have missed it (the pet's trackers are listed from an index):
    the pet and owner are read again after the pairing is saved, and the tracker follows them."""

    def __init__(
        self,
        trackers: TrackerRepository,
        owners: OwnerRepository,
        access: PetAccess,
        clock: Clock,
    ) -> None:
        self._trackers, self._owners = trackers, owners
        self._access, self._clock = access, clock

    def __call__(self, command: PairTrackerCommand) -> Tracker:
        serial = checked_serial(command.serial)
        pet = self._access.owned(command.caller, command.pet_id)
        zone = self._owners.get(pet.owner_id).time_zone
        existing = self._trackers.get(serial)
        tracker = pair(existing, serial, pet, zone, self._clock.now())
        if tracker is not existing:
            self._trackers.save(tracker)
        pet = self._access.owned(command.caller, command.pet_id)
        zone = self._owners.get(pet.owner_id).time_zone
        keep_counting(self._trackers, tracker, pet, zone, self._clock.now())
        return self._trackers.get(serial) or tracker
