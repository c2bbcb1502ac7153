from __future__ import annotations

import attrs

from application.authorization import PetAccess
from application.pet_changes import change_owned_pet
from application.ports.pets import PetRepository
from domain.access import Caller
from domain.pets import Pet, checked_goal


@attrs.frozen
class SetStepGoalCommand:
    """`expected_versions`: None changes the pet whatever its version; otherwise the change is
    made only on one of these versions (the copies the caller read)."""

    caller: Caller
    pet_id: str
    daily_step_goal: int
    expected_versions: frozenset[int] | None = None


class SetStepGoal:
    """With `expected_versions`, a change made on a stale copy is refused (409) rather than lost;
    without, a change that lost a race to another writer is made again on the new version."""

    def __init__(self, pets: PetRepository, access: PetAccess) -> None:
        self._pets, self._access = pets, access

    def __call__(self, command: SetStepGoalCommand) -> Pet:
        goal = checked_goal(command.daily_step_goal)
        return change_owned_pet(
            self._pets, self._access, command, lambda pet: pet.set_step_goal(goal)
        )
