from __future__ import annotations

import attrs

from application.authorization import PetAccess
from application.ports.pets import PetRepository
from domain.access import Caller, Scope
from domain.pets import Pet


@attrs.frozen
class ListPetsQuery:
    caller: Caller


class ListPets:
    """The caller's pets; an app sees them only with `profile:read`."""

    def __init__(self, pets: PetRepository, access: PetAccess) -> None:
        self._pets, self._access = pets, access

    def __call__(self, query: ListPetsQuery) -> list[Pet]:
        owner_id = query.caller.user_id
        if not self._access.may_read(query.caller, owner_id, Scope.PROFILE):
            return []
        return self._pets.of_owner(owner_id)
