"""The activity ledger in this process's memory, under one lock: every reading by identity, each
pet-day's readings and totals, and each tracker's newest battery level per pet-day."""

from __future__ import annotations

import threading
from collections import defaultdict
from datetime import date

import attrs

from application.ports.activity import (
    ActivityLedger,
    Battery,
    Conflicting,
    DayReadings,
    Recorded,
    known_in,
    sort_out,
)
from domain.activity import DayTotals
from domain.readings import Reading, ReadingKey, firsts_and_conflicts
from domain.recommendations import PetSignals
from domain.safe_zones import Whereabouts

Key = ReadingKey


@attrs.define
class _Day:
    readings: list[Reading] = attrs.Factory(list)
    totals: DayTotals = DayTotals()
    battery: dict[str, Battery | None] = attrs.Factory(dict)  # by tracker with readings here


class InMemoryActivityLedger(ActivityLedger):
    def __init__(self) -> None:
        self._stored: dict[Key, tuple[Reading, str | None]] = {}  # by identity, with its origin
        self._pets: dict[str, dict[date, _Day]] = defaultdict(dict)
        self._lock = threading.Lock()

    def record(self, day: DayReadings) -> Recorded:
        firsts, repeated = firsts_and_conflicts(day.readings)
        with self._lock:
            before = self._battery_before(day)
            new, again, conflicts = sort_out(firsts, known_in(self._stored), day.origin)
            totals = self._store(day, new)
        conflicts = [*(Conflicting(reading, field) for reading, field in repeated), *conflicts]
        return Recorded(tuple(new), totals, tuple(again), tuple(conflicts), before)

    def totals(self, pet_id: str, first: date, last: date) -> dict[date, DayTotals]:
        with self._lock:
            days = self._pets.get(pet_id, {})
            return {d: kept.totals for d, kept in days.items() if first <= d <= last}

    def readings(self, pet_id: str, day: date) -> list[Reading]:
        with self._lock:
            kept = self._pets.get(pet_id, {}).get(day)
            readings = list(kept.readings) if kept else []
        return sorted(readings, key=lambda r: (r.time, r.tracker))

    def signals(self, pet_id: str) -> PetSignals:
        with self._lock:
            mine = [r for kept in self._pets.get(pet_id, {}).values() for r in kept.readings]
        if not mine:
            return PetSignals()
        with_battery = [r for r in mine if r.battery is not None]
        last_battery = max(with_battery, key=lambda r: r.time).battery if with_battery else None
        return PetSignals(max(r.time for r in mine), last_battery)

    def whereabouts(self, pet_id: str) -> Whereabouts | None:
        with self._lock:
            mine = [r for kept in self._pets.get(pet_id, {}).values() for r in kept.readings]
        placed = [(r.time, r.tracker, r.position) for r in mine if r.position is not None]
        if not placed:
            return None
        time, _, position = max(placed)
        return Whereabouts(time, position)

    def days(self, pet_id: str) -> list[date]:
        with self._lock:
            return sorted(self._pets.get(pet_id, {}))

    def forget(self, pet_id: str) -> None:
        with self._lock:
            for kept in self._pets.pop(pet_id, {}).values():
                for reading in kept.readings:
                    self._stored.pop(reading.key, None)

    def _store(self, day: DayReadings, new: list[Reading]) -> DayTotals:
        days = self._pets[day.pet_id]
        if not new:
            kept = days.get(day.day)
            return kept.totals if kept else DayTotals()
        kept = days.setdefault(day.day, _Day())
        kept.readings.extend(new)
        steps = kept.totals.steps + sum(r.steps for r in new)
        kept.totals = DayTotals(steps, kept.totals.readings + len(new))
        levels = [(r.time, r.battery) for r in new if r.battery is not None]
        newest = max(filter(None, [kept.battery.get(day.tracker), *levels]), default=None)
        kept.battery[day.tracker] = newest
        self._stored.update((reading.key, (reading, day.origin)) for reading in new)
        return kept.totals

    def _battery_before(self, day: DayReadings) -> Battery | None:
        """The tracker's newest battery on the pet-day."""
        kept = self._pets.get(day.pet_id, {}).get(day.day)
        return kept.battery.get(day.tracker) if kept is not None else None
