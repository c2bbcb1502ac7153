from __future__ import annotations

import attrs

from application.authorization import PetAccess
from application.use_cases.delete_account import PetErasure
from domain.access import Caller


@attrs.frozen
class RemovePetCommand:
    caller: Caller
    pet_id: str


class RemovePet:
    """The owner in person removes a pet with everything of it: its trackers' pairings (and
    their quarantine), its readings, totals and announcement claims, its photo, its safe zone
    and weights with the pet. The same steps, in the same order, as erasing an account."""

    def __init__(self, access: PetAccess, erasure: PetErasure) -> None:
        self._access, self._erasure = access, erasure

    def __call__(self, command: RemovePetCommand) -> None:
        self._erasure.erase(self._access.owned(command.caller, command.pet_id))
