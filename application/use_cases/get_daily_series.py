from __future__ import annotations

from datetime import date

import attrs

from application.authorization import PetAccess
from application.ports.activity import ActivityLedger
from domain.access import Caller, Scope
from domain.series import DaySteps, checked_range, daily_steps


@attrs.frozen
class GetDailySeriesQuery:
    caller: Caller
    pet_id: str
    first: date
    last: date


class GetDailySeries:
    """The pet's steps per day over up to 92 days (0 on days without readings), in one read of
    the ledger's totals (`activity:read` for an app)."""

    def __init__(self, ledger: ActivityLedger, access: PetAccess) -> None:
        self._ledger, self._access = ledger, access

    def __call__(self, query: GetDailySeriesQuery) -> list[DaySteps]:
        checked_range(query.first, query.last)
        pet = self._access.readable(query.caller, query.pet_id, Scope.ACTIVITY)
        return daily_steps(
            query.first, query.last, self._ledger.totals(pet.id, query.first, query.last)
        )
