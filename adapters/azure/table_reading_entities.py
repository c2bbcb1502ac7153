"""The activity ledger's entities in Tables and their domain values: readings and day totals.

A pet-day's partition `DAY|<pet>|<day>` holds its readings (`R|<time>|<tracker>`, with
the origin of the delivery that counted each) and its totals (`TOTALS`): the day's steps
and number of readings, and the day's latest reading and battery, from which the pet's
signals are advanced (table_pet_signals.py).
"""

from __future__ import annotations

from datetime import date

import attrs

from adapters.azure.table_entities import Entity, int64, key, whole
from adapters.reading_codec import stored_reading
from domain.activity import DayTotals
from domain.clockwork import instant_key
from domain.readings import Reading

TOTALS = "TOTALS"


def day_partition(pet_id: str, day: str) -> str:
    """The partition of the pet-day (`day` as ISO text), where its readings and totals live."""
    return key("DAY", pet_id, day)


def day_of(totals: Entity) -> date:
    """The day of a totals entity, from its partition."""
    return date.fromisoformat(totals["PartitionKey"].rsplit("|", 1)[1])


def reading_row(reading: Reading) -> str:
    return f"R|{instant_key(reading.time)}|{key(reading.tracker)}"


def reading_entity(pk: str, reading: Reading, origin: str | None) -> Entity:
    position = reading.position
    entity: Entity = {
        "PartitionKey": pk,
        "RowKey": reading_row(reading),
        "tracker": reading.tracker,
        "time": instant_key(reading.time),
        "steps": reading.steps,
    }
    if position is not None:
        entity.update(latitude=position.latitude, longitude=position.longitude)
    if reading.battery is not None:
        entity["battery"] = reading.battery
    if origin is not None:
        entity["origin"] = origin
    return entity


def reading_of(entity: Entity) -> Reading:
    return stored_reading(entity, whole)


def totals_of(entity: Entity | None) -> DayTotals:
    if entity is None:
        return DayTotals()
    return DayTotals(steps=whole(entity["steps"]), readings=whole(entity["readings"]))


@attrs.frozen
class DaySummary:
    """A pet-day's totals entity: the counts, and its latest reading and battery for signals."""

    steps: int = 0
    readings: int = 0
    latest: str = ""
    battery_at: str = ""
    battery: int | None = None

    @classmethod
    def of(cls, entity: Entity | None) -> DaySummary:
        if entity is None:
            return cls()
        battery = entity.get("battery")
        return cls(
            whole(entity["steps"]),
            whole(entity["readings"]),
            entity.get("latest", ""),
            entity.get("battery_at", ""),
            None if battery is None else whole(battery),
        )

    def add(self, readings: list[Reading]) -> DaySummary:
        summary = attrs.evolve(
            self,
            steps=self.steps + sum(r.steps for r in readings),
            readings=self.readings + len(readings),
            latest=max([self.latest, *(instant_key(r.time) for r in readings)]),
        )
        for reading in readings:
            summary = summary.with_battery(instant_key(reading.time), reading.battery)
        return summary

    def with_battery(self, at: str, battery: int | None) -> DaySummary:
        if battery is None or at <= self.battery_at:
            return self
        return attrs.evolve(self, battery_at=at, battery=battery)

    def entity(self, pk: str, rk: str = TOTALS) -> Entity:
        entity: Entity = {
            "PartitionKey": pk,
            "RowKey": rk,
            "steps": int64(self.steps),
            "readings": self.readings,
            "latest": self.latest,
            "battery_at": self.battery_at,
        }
        if self.battery is not None:
            entity["battery"] = self.battery
        return entity
