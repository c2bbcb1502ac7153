from __future__ import annotations

import attrs

from application.authorization import require_owner_in_person
from application.ports.clock import Clock
from application.ports.owners import OwnerRepository
from application.ports.pets import PetRepository
from application.ports.trackers import TrackerRepository
from application.tracker_counting import recount
from domain.access import Caller
from domain.clockwork import checked_time_zone
from domain.owners import Owner


@attrs.frozen
class SetTimeZoneCommand:
    caller: Caller
    time_zone: str


class SetTimeZone:
    """Days count in this zone from now on; readings already counted stay on their day."""

    def __init__(
        self,
        owners: OwnerRepository,
        pets: PetRepository,
        trackers: TrackerRepository,
        clock: Clock,
    ) -> None:
        self._owners, self._pets, self._trackers, self._clock = owners, pets, trackers, clock

    def __call__(self, command: SetTimeZoneCommand) -> Owner:
        require_owner_in_person(command.caller)
        owner = attrs.evolve(
            self._owners.get(command.caller.user_id),
            time_zone=checked_time_zone(command.time_zone),
        )
        self._owners.save(owner)
        for pet in self._pets.of_owner(owner.id):  # their trackers count in the new zone
            recount(self._trackers, pet, owner.time_zone, self._clock.now())
        return owner
