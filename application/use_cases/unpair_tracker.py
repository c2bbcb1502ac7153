from __future__ import annotations

import attrs

from application.authorization import PetAccess
from application.ports.trackers import TrackerRepository
from domain.access import Caller
from domain.errors import NotFound


@attrs.frozen
class UnpairTrackerCommand:
    caller: Caller
    pet_id: str


class UnpairTracker:
    """The owner in person unpairs the pet's tracker: its later readings count for nobody and go
    to quarantine, as any unpaired tracker's; anybody may pair it again. NotFound when the pet
    has none (or is not the caller's)."""

    def __init__(self, trackers: TrackerRepository, access: PetAccess) -> None:
        self._trackers, self._access = trackers, access

    def __call__(self, command: UnpairTrackerCommand) -> None:
        pet = self._access.owned(command.caller, command.pet_id)
        paired = self._trackers.of_pet(pet.id)
        if not paired:
            raise NotFound("the pet has no tracker")
        for tracker in paired:
            self._trackers.remove(tracker.serial)
