from __future__ import annotations

from datetime import date

import attrs

from application.authorization import PetAccess
from application.pet_changes import change_owned_pet
from application.ports.clock import Clock
from application.ports.owners import OwnerRepository
from application.ports.pets import PetRepository
from domain.access import Caller
from domain.clockwork import local_day
from domain.errors import InvalidInput
from domain.pets import Pet, checked_weight


@attrs.frozen
class RecordWeightCommand:
    caller: Caller
    pet_id: str
    weight_kg: float
    day: date | None = None
    expected_versions: frozenset[int] | None = None


class RecordWeight:
    """Records the weight for a day (today in the owner's time zone by default).

    With `expected_versions` (the versions the caller read), a record made on a stale copy is
    refused (409); without, a record that lost a race is made again on the new version.
    """

    def __init__(
        self, pets: PetRepository, owners: OwnerRepository, access: PetAccess, clock: Clock
    ) -> None:
        self._pets, self._owners, self._access, self._clock = pets, owners, access, clock

    def __call__(self, command: RecordWeightCommand) -> Pet:
        kg = checked_weight(command.weight_kg)
        today = local_day(self._clock.now(), self._owners.get(command.caller.user_id).time_zone)
        day = command.day or today
        if day > today:
            raise InvalidInput("day", "a weight cannot be recorded for a day still to come")
        return change_owned_pet(
            self._pets, self._access, command, lambda pet: pet.record_weight(day, kg)
        )
