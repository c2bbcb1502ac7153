"""The activity ledger in Azure Tables: a pet-day's readings and its totals in one partition.

Three modules of the table_ family hold its three ideas, and this one composes them:

- table_claim_and_count.py: how `record` stores and counts each reading exactly once
  without a transaction across partitions (claim its marker, then count it in its
  pet-day), finishing the claims of writers that died in between;
- table_reading_entities.py: the reading and day-totals entities and their domain values;
- table_pet_signals.py: the pet's latest reading and battery, moved forward after each
  recording, so that recommendations read them with one point read.

Requests of `record` for N new readings of one pet-day and one tracker: one
marker query, ceil(N/100) marker transactions, one totals read, ceil(N/99) day
transactions and one read (plus at most one write) of the pet's signals. A
redelivery of known readings: the marker query, one readings query, the totals
read and the signals read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from azure.data.tables import TableClient

from adapters.azure.table_claim_and_count import ClaimAndCount
from adapters.azure.table_entities import Entities, Entity, key, whole
from adapters.azure.table_pet_signals import TablePetSignals
from adapters.azure.table_reading_entities import (
    TOTALS,
    DaySummary,
    day_of,
    day_partition,
    reading_of,
    totals_of,
)
from application.ports.activity import ActivityLedger, Recorded
from application.ports.clock import Clock
from domain.activity import DayTotals
from domain.readings import Reading
from domain.recommendations import PetSignals


class TableActivityLedger(ActivityLedger):
    """`clock` tells the storage service's time: a claim's age is its timestamp against it."""

    def __init__(self, table_client: TableClient, clock: Clock) -> None:
        self._entities = Entities(table_client)
        self._recording = ClaimAndCount(self._entities, clock)
        self._signals = TablePetSignals(self._entities)

    def record(
        self, pet_id: str, day: date, readings: Sequence[Reading], origin: str | None = None
    ) -> Recorded:
        new, again, totals = self._recording.record((pet_id, day.isoformat()), readings, origin)
        if totals is not None:
            self._signals.advance(pet_id, DaySummary.of(totals))
        in_order = _order(readings)
        return Recorded(
            tuple(sorted(new, key=in_order)), totals_of(totals), tuple(sorted(again, key=in_order))
        )

    def totals(self, pet_id: str, first: date, last: date) -> dict[date, DayTotals]:
        """One point read per day: the totals live with the day's readings (a week is 7 reads)."""
        found: dict[date, DayTotals] = {}
        for offset in range((last - first).days + 1):
            day = first + timedelta(days=offset)
            entity = self._entities.get(day_partition(pet_id, day.isoformat()), TOTALS)
            if entity is not None and whole(entity["readings"]) > 0:
                found[day] = totals_of(entity)
        return found

    def readings(self, pet_id: str, day: date) -> list[Reading]:
        entities = self._entities.partition(day_partition(pet_id, day.isoformat()), "R|")
        return [reading_of(entity) for entity in entities]

    def signals(self, pet_id: str) -> PetSignals:
        """From the pet's signals entity, advanced after each recording: may lag a crash."""
        return self._signals.get(pet_id)

    def days(self, pet_id: str) -> list[date]:
        """From the totals entities of the pet's day partitions (a range query over them)."""
        return [day_of(e) for e in self._day_totals(pet_id) if whole(e["readings"]) > 0]

    def forget(self, pet_id: str) -> None:
        """Day by day: the readings' markers, then the readings and the day's totals (its
        partition's entity-group transactions), so that a forget that failed midway finds the
        day and its readings again; the pet's signals last."""
        for totals in self._day_totals(pet_id):
            pk = totals["PartitionKey"]
            readings = list(self._entities.partition(pk, "R|"))
            for tracker, times in _times_by_tracker(readings).items():
                self._entities.delete_all(key("READING", tracker), times)
            self._entities.delete_all(pk, [e["RowKey"] for e in readings] + [TOTALS])
        self._signals.forget(pet_id)

    def _day_totals(self, pet_id: str) -> list[Entity]:
        return list(self._entities.partitions(key("DAY", pet_id) + "|", TOTALS))


def _times_by_tracker(readings: list[Entity]) -> dict[str, list[str]]:
    """The RowKeys of the readings' markers, by the tracker whose partition holds them."""
    times: dict[str, list[str]] = defaultdict(list)
    for reading in readings:
        times[reading["tracker"]].append(reading["time"])
    return times


def _order(readings: Sequence[Reading]) -> Any:
    position = {reading.key: n for n, reading in reversed(list(enumerate(readings)))}
    return lambda reading: position[reading.key]
