from __future__ import annotations

import attrs

from application.authorization import PetAccess
from application.ports.pets import PetRepository
from domain.access import Caller
from domain.errors import Conflict
from domain.pets import Pet, checked_goal


@attrs.frozen
class SetStepGoalCommand:
    caller: Caller
    pet_id: str
    daily_step_goal: int
    expected_version: int | None = None


class SetStepGoal:
    """With `expected_version`, a change made on a stale copy is refused (409) rather than lost."""

    def __init__(self, pets: PetRepository, access: PetAccess) -> None:
        self._pets, self._access = pets, access

    def __call__(self, command: SetStepGoalCommand) -> Pet:
        goal = checked_goal(command.daily_step_goal)
        pet = self._access.owned(command.caller, command.pet_id)
        if command.expected_version not in (None, pet.version):
            raise Conflict(f"the pet is at version {pet.version}, not {command.expected_version}")
        changed = pet.set_step_goal(goal)
        self._pets.save(changed)
        return changed
