from __future__ import annotations

import attrs

from application.pet_changes import RecountedChange
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
    without, a change that lost a race to another writer is made again on the new version. The
    pet's trackers count toward the new goal."""

    def __init__(self, change: RecountedChange) -> None:
        self._change = change

    def __call__(self, command: SetStepGoalCommand) -> Pet:
        goal = checked_goal(command.daily_step_goal)
        return self._change(command, lambda pet: pet.set_step_goal(goal))
