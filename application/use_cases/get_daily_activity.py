from __future__ import annotations

from datetime import date

import attrs

from application.authorization import PetAccess
from application.ports.activity import ActivityLedger
from domain.access import Caller, Scope
from domain.activity import DailyActivity, daily_activity


@attrs.frozen
class GetDailyActivityQuery:
    caller: Caller
    pet_id: str
    day: date


class GetDailyActivity:
    def __init__(self, ledger: ActivityLedger, access: PetAccess) -> None:
        self._ledger, self._access = ledger, access

    def __call__(self, query: GetDailyActivityQuery) -> DailyActivity:
        pet = self._access.readable(query.caller, query.pet_id, Scope.ACTIVITY)
        totals, readings = self._ledger.day(pet.id, query.day)
        return daily_activity(pet, query.day, totals, readings)
