from __future__ import annotations

import attrs

from application.authorization import PetAccess
from domain.access import Caller, Scope
from domain.pets import Pet


@attrs.frozen
class GetPetQuery:
    caller: Caller
    pet_id: str


class GetPet:
    def __init__(self, access: PetAccess) -> None:
        self._access = access

    def __call__(self, query: GetPetQuery) -> Pet:
        return self._access.readable(query.caller, query.pet_id, Scope.PROFILE)
