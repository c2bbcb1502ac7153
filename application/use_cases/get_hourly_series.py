from __future__ import annotations

from datetime import date

import attrs

from application.authorization import PetAccess
from application.ports.activity import ActivityLedger
from application.ports.owners import OwnerRepository
from domain.access import Caller, Scope
from domain.series import HourSteps, hourly_steps


@attrs.frozen
class GetHourlySeriesQuery:
    caller: Caller
    pet_id: str
    day: date


class GetHourlySeries:
    """The pet's steps on one day by the hours of its owner's clock (23 to 25 values), from the
    day's readings (`activity:read` for an app)."""

    def __init__(self, ledger: ActivityLedger, owners: OwnerRepository, access: PetAccess) -> None:
        self._ledger, self._owners, self._access = ledger, owners, access

    def __call__(self, query: GetHourlySeriesQuery) -> list[HourSteps]:
        pet = self._access.readable(query.caller, query.pet_id, Scope.ACTIVITY)
        time_zone = self._owners.get(pet.owner_id).time_zone
        return hourly_steps(query.day, time_zone, self._ledger.readings(pet.id, query.day))
