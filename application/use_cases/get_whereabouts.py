from __future__ import annotations

import attrs

from application.authorization import PetAccess
from application.ports.activity import ActivityLedger
from domain.access import Caller, Scope
from domain.errors import NotFound
from domain.safe_zones import Whereabouts


@attrs.frozen
class GetWhereaboutsQuery:
    caller: Caller
    pet_id: str


class GetWhereabouts:
    """Where the pet was last seen: its newest reading with a position (`location:read` for an
    app). NotFound, with other words than a hidden pet's, while no reading had a position."""

    def __init__(self, ledger: ActivityLedger, access: PetAccess) -> None:
        self._ledger, self._access = ledger, access

    def __call__(self, query: GetWhereaboutsQuery) -> Whereabouts:
        pet = self._access.readable(query.caller, query.pet_id, Scope.LOCATION)
        found = self._ledger.whereabouts(pet.id)
        if found is None:
            raise NotFound("no reading of the pet had a position yet")
        return found
