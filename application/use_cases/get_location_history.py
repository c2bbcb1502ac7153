from __future__ import annotations

from datetime import date

import attrs

from application.authorization import PetAccess
from application.ports.activity import ActivityLedger
from domain.access import Caller, Scope
from domain.activity import track
from domain.readings import Reading


@attrs.frozen
class GetLocationHistoryQuery:
    caller: Caller
    pet_id: str
    day: date


class GetLocationHistory:
    """The day's positions in time order (needs `location:read` for an app)."""

    def __init__(self, ledger: ActivityLedger, access: PetAccess) -> None:
        self._ledger, self._access = ledger, access

    def __call__(self, query: GetLocationHistoryQuery) -> list[Reading]:
        pet = self._access.readable(query.caller, query.pet_id, Scope.LOCATION)
        return track(self._ledger.readings(pet.id, query.day))
