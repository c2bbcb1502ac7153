from __future__ import annotations

import attrs

from application.authorization import PetAccess
from application.ports.trackers import TrackerRepository
from domain.access import Caller
from domain.trackers import Tracker, checked_serial, pair


@attrs.frozen
class PairTrackerCommand:
    caller: Caller
    pet_id: str
    serial: str


class PairTracker:
    """Pairs a tracker with the caller's pet; one paired with another owner's pet stays put (409)."""

    def __init__(self, trackers: TrackerRepository, access: PetAccess) -> None:
        self._trackers, self._access = trackers, access

    def __call__(self, command: PairTrackerCommand) -> Tracker:
        serial = checked_serial(command.serial)
        pet = self._access.owned(command.caller, command.pet_id)
        tracker = pair(self._trackers.get(serial), serial, pet)
        self._trackers.save(tracker)
        return tracker
