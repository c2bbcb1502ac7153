"""How a use case changes a pet: on the version it read, again on a newer one if it lost a race."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from application.authorization import PetAccess
from application.ports.clock import Clock
from application.ports.owners import OwnerRepository
from application.ports.pets import PetRepository
from application.ports.trackers import TrackerRepository
from application.tracker_counting import recount
from domain.access import Caller
from domain.errors import Conflict
from domain.pets import Pet

MAX_ATTEMPTS = 5


class PetChange(Protocol):
    """A command that changes one of the caller's pets (RecordWeightCommand, SetStepGoalCommand)."""

    @property
    def caller(self) -> Caller: ...

    @property
    def pet_id(self) -> str: ...

    @property
    def expected_versions(self) -> frozenset[int] | None: ...


def change_owned_pet(
    pets: PetRepository, access: PetAccess, command: PetChange, change: Callable[[Pet], Pet]
) -> Pet:
    """The caller's pet, changed by `change` and saved.

    With `expected_versions` (the versions the caller read), a change made on a stale copy is
    refused (409) rather than lost; without, a change that lost a race to another writer is
    made again on the new version, up to MAX_ATTEMPTS times.
    """
    for _ in range(MAX_ATTEMPTS):
        pet = access.owned(command.caller, command.pet_id)
        pet.refuse_stale(command.expected_versions)
        changed = change(pet)
        try:
            pets.save(changed)
            return changed
        except Conflict:
            continue  # with expected versions, the next read refuses the change
    raise Conflict("the pet kept changing; try again")


class RecountedChange:
    """A change of what a pet's trackers count toward (its goal, its safe zone): the pet changed
    as `change_owned_pet` changes it, then its trackers follow it (`tracker_counting.recount`)."""

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

    def __call__(self, command: PetChange, change: Callable[[Pet], Pet]) -> Pet:
        pet = change_owned_pet(self._pets, self._access, command, change)
        time_zone = self._owners.get(pet.owner_id).time_zone
        recount(self._trackers, pet, time_zone, self._clock.now())
        return pet
