from __future__ import annotations

from datetime import date

import attrs

from application.authorization import PetAccess
from application.ports.activity import ActivityLedger
from domain.access import Caller, Scope
from domain.activity import DailyActivity, DayTotals, daily_activity


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
        totals = self._ledger.totals(pet.id, query.day, query.day).get(query.day, DayTotals())
        return daily_activity(pet, query.day, totals, self._ledger.readings(pet.id, query.day))
