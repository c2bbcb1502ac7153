from __future__ import annotations

import attrs

from application.authorization import require_owner_in_person
from application.ports.clock import Clock
from application.ports.owners import OwnerRepository
from application.ports.pets import PetRepository
from domain.access import Caller
from domain.clockwork import local_day
from domain.pets import Pet, Species, checked_name, checked_weight


@attrs.frozen
class RegisterPetCommand:
    caller: Caller
    name: str
    species: str
    weight_kg: float


class RegisterPet:
    def __init__(self, pets: PetRepository, owners: OwnerRepository, clock: Clock) -> None:
        self._pets, self._owners, self._clock = pets, owners, clock

    def __call__(self, command: RegisterPetCommand) -> Pet:
        require_owner_in_person(command.caller)
        owner = self._owners.get(command.caller.user_id)
        today = local_day(self._clock.now(), owner.time_zone)
        pet = Pet.register(
            owner.id,
            checked_name(command.name),
            Species.parse(command.species),
            checked_weight(command.weight_kg),
            today,
        )
        self._pets.add(pet)
        return pet
