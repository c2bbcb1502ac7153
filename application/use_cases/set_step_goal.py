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

    def __call__(self, command: SetStepGoalCommand) -> Pet:
        goal = checked_goal(command.daily_step_goal)
        pet = change_owned_pet(
            self._pets, self._access, command, lambda pet: pet.set_step_goal(goal)
        )
        zone = self._owners.get(pet.owner_id).time_zone
        recount(self._trackers, pet, zone, self._clock.now())  # the trackers count to the new goal
        return pet
