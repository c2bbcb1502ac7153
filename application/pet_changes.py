"""How a use case changes a pet: on the version it read, again on a newer one if it lost a race."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from application.authorization import PetAccess
from application.ports.pets import PetRepository
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
