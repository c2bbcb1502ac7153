from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from application.ports.activity import ActivityLedger, Recorded
from domain.activity import DayTotals
from domain.readings import Reading, first_of_each
from domain.recommendations import PetSignals


class InMemoryActivityLedger(ActivityLedger):
    def __init__(self) -> None:
        self._origins: dict[tuple[str, str], str | None] = {}  # each known reading's origin
        self._days: dict[tuple[str, date], list[Reading]] = defaultdict(list)
        self._lock = threading.Lock()

    def record(
        self, pet_id: str, day: date, readings: Sequence[Reading], origin: str | None = None
    ) -> Recorded:
        with self._lock:
            new, again = list[Reading](), list[Reading]()
            for reading in first_of_each(readings):
                if reading.key not in self._origins:
                    new.append(reading)
                elif origin is not None and self._origins[reading.key] == origin:
                    again.append(reading)
            self._days[(pet_id, day)].extend(new)
            self._origins.update(dict.fromkeys((reading.key for reading in new), origin))
            totals = self._totals_of(pet_id, day)
            return Recorded(tuple(new), totals, tuple(again))

    def totals(self, pet_id: str, first: date, last: date) -> dict[date, DayTotals]:
        with self._lock:
            return {
                day: self._totals_of(pet_id, day)
                for (pet, day) in list(self._days)
                if pet == pet_id and first <= day <= last and self._days[(pet, day)]
            }

    def readings(self, pet_id: str, day: date) -> list[Reading]:
        with self._lock:
            return sorted(self._days.get((pet_id, day), []), key=lambda r: r.time)

    def signals(self, pet_id: str) -> PetSignals:
        with self._lock:
            mine = [r for (pet, _), rs in self._days.items() if pet == pet_id for r in rs]
        if not mine:
            return PetSignals()
        with_battery = [r for r in mine if r.battery is not None]
        last_battery = max(with_battery, key=lambda r: r.time).battery if with_battery else None
        return PetSignals(max(r.time for r in mine), last_battery)

    def days(self, pet_id: str) -> list[date]:
        with self._lock:
            return sorted(day for (pet, day), kept in self._days.items() if pet == pet_id and kept)

    def forget(self, pet_id: str) -> None:
        with self._lock:
            for pet, day in [key for key in self._days if key[0] == pet_id]:
                for reading in self._days.pop((pet, day)):
                    self._origins.pop(reading.key, None)

    def _totals_of(self, pet_id: str, day: date) -> DayTotals:
        readings = self._days.get((pet_id, day), [])
        return DayTotals(sum(r.steps for r in readings), len(readings))
