from __future__ import annotations

import attrs

from application.authorization import PetAccess
from application.pet_changes import change_owned_pet
from application.ports.clock import Clock
from application.ports.owners import OwnerRepository
from application.ports.pets import PetRepository
from application.ports.trackers import TrackerRepository
from application.tracker_counting import recount
from domain.access import Caller
from domain.pets import Pet
from domain.safe_zones import SafeZone


@attrs.frozen
class SetSafeZoneCommand:
    """`zone` None removes the pet's safe zone."""

    caller: Caller
    pet_id: str
    zone: SafeZone | None
    expected_versions: frozenset[int] | None = None


class SetSafeZone:
    """The owner in person draws, moves or removes the pet's safe zone; its trackers carry it
    from then on, so the intake judges each delivery without reading the pet."""

    def __init__(
        self,
        pets: PetRepository,
        trackers: TrackerRepository,
        owners: OwnerRepository,
        access: PetAccess,
        clock: Clock,
    ) -> None:
        self._pets, self._trackers, self._owners = pets, trackers, owners
        self._access, self._clock = access, clock

    def __call__(self, command: SetSafeZoneCommand) -> Pet:
        zone = command.zone
        pet = change_owned_pet(self._pets, self._access, command, lambda p: p.set_safe_zone(zone))
        time_zone = self._owners.get(pet.owner_id).time_zone
        recount(self._trackers, pet, time_zone, self._clock.now())
        return pet
