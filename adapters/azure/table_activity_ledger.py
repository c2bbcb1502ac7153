"""The activity ledger in Azure Tables: one entity per pet-day holding its totals and its readings,
packed (table_day_entities.py).

Recording a tracker's readings of a pet-day reads the day (one query: its entity and parts)
and writes it back whole under its ETag (one request; an entity-group transaction when it has
parts), so a reading is stored and counted together, and of concurrent writers of one reading
exactly one succeeds: the other's write fails on the ETag, and it reads again. Readings all newer
than the tracker's newest of the day (a packet) are known new without unpacking the day; others
are checked against the tracker's stored readings (and those of `elsewhere`). A packet costs
two Table requests, a day of a bundle two or three.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import attrs
from azure.core import MatchConditions
from azure.core.exceptions import ResourceExistsError, ResourceModifiedError
from azure.data.tables import TableClient, TableTransactionError, UpdateMode

from adapters.azure.table_day_entities import (
    PetDay,
    day_of,
    day_row,
    is_day,
    pet_partition,
)
from adapters.azure.table_entities import Entities, pause
from adapters.reading_pack import base_of, instant, join, micros, pack
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
from domain.readings import Position, Reading, ReadingKey, firsts_and_conflicts
from domain.recommendations import PetSignals
from domain.safe_zones import Whereabouts

MAX_ATTEMPTS = 60


class LostRace(Exception):
    """The day changed between its read and this write."""


class TableActivityLedger(ActivityLedger):
    def __init__(self, table_client: TableClient) -> None:
        self._entities = Entities(table_client)

    def record(self, day: DayReadings) -> Recorded:
        firsts, repeated = firsts_and_conflicts(day.readings)
        for attempt in range(MAX_ATTEMPTS):
            stored = self._day(day.pet_id, day.day)
            mine = stored.trackers.get(day.tracker)
            new, again, conflicts = self._classify(day, stored, firsts)
            before = _battery(mine) if mine else None
            found = (tuple(again), tuple([*map(_conflict, repeated), *conflicts]), before)
            if not new:
                return Recorded((), stored.totals, *found)
            after = _with(stored, day, new)
            try:
                self._write(day, stored, after)
                return Recorded(tuple(new), after.totals, *found)
            except LostRace:
                pause(attempt)
        raise RuntimeError(f"the day {day.day} of pet {day.pet_id} kept changing")

    def _classify(
        self, day: DayReadings, stored: PetDay, firsts: list[Reading]
    ) -> tuple[list[Reading], list[Reading], list[Conflicting]]:
        newest = stored.trackers.get(day.tracker, {}).get("w")
        plain = day.origin is None and not day.elsewhere
        if plain and (newest is None or all(micros(r.time) > newest for r in firsts)):
            return list(firsts), [], []  # newer than all it sent: new, no need to unpack
        known = _readings_of(stored, day.day, day.tracker)
        for pet_id, other in day.elsewhere:
            known |= _readings_of(self._day(pet_id, other), other, day.tracker)
        return sort_out(firsts, known_in(known), day.origin)

    def _day(self, pet_id: str, day: date) -> PetDay:
        row = day_row(day)
        return PetDay.of(self._entities.between(pet_partition(pet_id), row, row + "|~"))

    def _write(self, day: DayReadings, before: PetDay, after: PetDay) -> None:
        pk = pet_partition(day.pet_id)
        main, *parts = after.entities(pk, day.day)
        stale = [f"{day_row(day.day)}|P{n}" for n in range(len(parts) + 1, before.parts + 1)]
        client = self._entities.client
        try:
            if not parts and not stale and before.etag is None:
                client.create_entity(main)
            elif not parts and not stale:
                client.update_entity(main, mode=UpdateMode.REPLACE, **_unchanged(before.etag))
            else:
                first = (
                    ("create", main)
                    if before.etag is None
                    else ("update", main, {"mode": UpdateMode.REPLACE, **_unchanged(before.etag)})
                )
                client.submit_transaction(
                    [first, *(("upsert", part) for part in parts),
                     *(("delete", {"PartitionKey": pk, "RowKey": row}) for row in stale)]
                )  # fmt: skip
        except (ResourceExistsError, ResourceModifiedError) as error:
            raise LostRace from error
        except TableTransactionError as error:
            if error.status_code in (409, 412):
                raise LostRace from error
            raise

    def totals(self, pet_id: str, first: date, last: date) -> dict[date, DayTotals]:
        days = self._entities.projected(
            pet_partition(pet_id), day_row(first), day_row(last) + "|~", ["steps", "readings"]
        )
        found = {day_of(e): PetDay.totals_of(e) for e in days if is_day(e)}
        return {day: totals for day, totals in found.items() if totals.readings > 0}

    def readings(self, pet_id: str, day: date) -> list[Reading]:
        return self.day(pet_id, day)[1]

    def day(self, pet_id: str, day: date) -> tuple[DayTotals, list[Reading]]:
        """The day's entity and its parts, in one query."""
        stored = self._day(pet_id, day)
        found: dict[ReadingKey, Reading] = {}
        for segment in stored.segments(day):
            found |= {reading.key: reading for reading in segment.readings}
        return stored.totals, sorted(found.values(), key=lambda r: (r.time, r.tracker))

    def signals(self, pet_id: str) -> PetSignals:
        days = [e for e in self._all_days(pet_id, ["trackers"]) if is_day(e)]
        recent = sorted(days, key=day_of, reverse=True)
        trackers = [PetDay.trackers_of(e) for e in recent]
        newest = [int(mine["w"]) for mine in (trackers[0] if trackers else {}).values()]
        if not newest:
            return PetSignals()
        levels = [
            (int(m["b"][0]), int(m["b"][1])) for day in trackers for m in day.values() if "b" in m
        ]
        battery = max(levels, default=None)
        return PetSignals(instant(max(newest)), battery[1] if battery else None)

    def whereabouts(self, pet_id: str) -> Whereabouts | None:
        """The newest `p` of the pet's day entities (one query of their `trackers`)."""
        days = [e for e in self._all_days(pet_id, ["trackers"]) if is_day(e)]
        found = [mine["p"] for e in days for mine in PetDay.trackers_of(e).values() if "p" in mine]
        if not found:
            return None
        time, latitude, longitude = max(found, key=lambda p: int(p[0]))
        return Whereabouts(instant(int(time)), Position(float(latitude), float(longitude)))

    def days(self, pet_id: str) -> list[date]:
        days = self._all_days(pet_id, ["steps", "readings"])
        return sorted(day_of(e) for e in days if is_day(e) and PetDay.totals_of(e).readings > 0)

    def forget(self, pet_id: str) -> None:
        rows = [entity["RowKey"] for entity in self._all_days(pet_id, ["parts"])]
        self._entities.delete_all(pet_partition(pet_id), rows)

    def _all_days(self, pet_id: str, select: list[str]) -> list[Any]:
        return list(self._entities.projected(pet_partition(pet_id), "DAY|", "DAY|~", select))


def _with(stored: PetDay, day: DayReadings, new: Sequence[Reading]) -> PetDay:
    """The pet-day with `new` stored and counted."""
    ordered = sorted(new, key=lambda reading: reading.time)
    segment = pack(ordered, base_of(day.day), day.origin, day.tracker)
    mine = dict(stored.trackers.get(day.tracker, {}))
    mine["w"] = max(mine.get("w", 0), micros(ordered[-1].time))
    for reading in ordered:
        at = micros(reading.time)
        if reading.position is not None and at > mine.get("p", [-1])[0]:
            mine["p"] = [at, reading.position.latitude, reading.position.longitude]
        if reading.battery is not None and at > mine.get("b", [-1])[0]:
            mine["b"] = [at, reading.battery]
    totals = DayTotals(
        stored.totals.steps + sum(r.steps for r in ordered), stored.totals.readings + len(ordered)
    )
    data = stored.data + join([segment])
    return attrs.evolve(
        stored, totals=totals, trackers=stored.trackers | {day.tracker: mine}, data=data
    )


def _readings_of(
    day: PetDay, when: date, tracker: str
) -> dict[ReadingKey, tuple[Reading, str | None]]:
    found: dict[ReadingKey, tuple[Reading, str | None]] = {}
    for segment in day.segments(when):
        if segment.tracker == tracker:
            for reading in segment.readings:
                found.setdefault(reading.key, (reading, segment.origin))
    return found


def _battery(mine: dict[str, Any]) -> Battery | None:
    level = mine.get("b")
    return None if level is None else (instant(level[0]), level[1])


def _conflict(repeated: tuple[Reading, str]) -> Conflicting:
    return Conflicting(*repeated)


def _unchanged(etag: str | None) -> dict[str, Any]:
    return {"etag": etag, "match_condition": MatchConditions.IfNotModified}
