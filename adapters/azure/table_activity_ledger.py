"""The activity ledger in Azure Tables: a pet-day's readings and its totals in one partition.

`record` runs in two steps, each atomic in its own partition:

1. Claim: each reading's marker (`READING|<tracker>` / `<time>`) names the pet-day
   that owns the reading. One query of the tracker's markers in the delivery's
   time span finds those that exist; the missing ones are created in an
   entity-group transaction (create fails if a concurrent writer made one first:
   query again and retry). The marker makes (tracker, time) a global identity.
2. Count: in the pet-day's partition (`DAY|<pet>|<day>`), one entity-group
   transaction creates up to 99 reading entities and replaces the day's totals
   under its ETag. A reading entity exists only if it was counted, so readers
   never see a reading the totals miss; of concurrent writers exactly one creates
   a reading entity. A transaction that fails because a reading exists or the
   totals' ETag moved re-reads both and retries with the rest.

A process dying between the steps leaves a marker without its reading. A
redelivery to the same pet-day finds its own marker, sees the reading missing
and counts it. A delivery that classifies the reading for another pet-day
treats a marker younger than `ORPHANED_AFTER` as in flight (a duplicate) and
finishes an older one in the marker's pet-day.

A reading entity keeps the origin of the delivery that counted it (a bundle's
id): the readings found stored in step 2 are the caller's own when their origin
is the caller's, whichever run of that delivery counted them. A marker keeps the
origin of its claimant too, so that an orphan is finished on its behalf.

Requests of `record` for N new readings of one pet-day and one tracker: one
marker query, ceil(N/100) marker transactions, one totals read, ceil(N/99) day
transactions and one read (plus at most one write) of the pet's signals. A
redelivery of known readings: the marker query, one readings query, the totals
read and the signals read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

import attrs
from azure.core import MatchConditions
from azure.data.tables import TableClient, TableTransactionError, UpdateMode

from adapters.azure.table_entities import Entities, Entity, etag, int64, key, pause, whole
from application.ports.activity import ActivityLedger, Recorded
from domain.activity import DayTotals
from domain.clockwork import instant_from_key, instant_key
from domain.readings import Position, Reading, first_of_each
from domain.recommendations import PetSignals

PER_TRANSACTION = 100
READINGS_PER_TRANSACTION = 99  # and the totals
MAX_ATTEMPTS = 60
ORPHANED_AFTER = timedelta(minutes=5)
TOTALS = "TOTALS"
SIGNALS = "SIGNALS"


class TableActivityLedger(ActivityLedger):
    def __init__(self, table_client: TableClient) -> None:
        self._entities = Entities(table_client)
        self._signals = PetSignalsEntity(self._entities)

    def record(
        self, pet_id: str, day: date, readings: Sequence[Reading], origin: str | None = None
    ) -> Recorded:
        home = (pet_id, day.isoformat())
        claimed: list[Reading] = []
        for tracker_readings in _by_tracker(readings).values():
            claimed += self._claim(home, origin, tracker_readings)
        new, again, totals = self._count(home, claimed, origin)
        if totals is not None:
            self._signals.advance(pet_id, DaySummary.of(totals))
        in_order = _order(readings)
        return Recorded(
            tuple(sorted(new, key=in_order)), _totals(totals), tuple(sorted(again, key=in_order))
        )

    def totals(self, pet_id: str, first: date, last: date) -> dict[date, DayTotals]:
        """One point read per day: the totals live with the day's readings (a week is 7 reads)."""
        found: dict[date, DayTotals] = {}
        for offset in range((last - first).days + 1):
            day = first + timedelta(days=offset)
            entity = self._entities.get(key("DAY", pet_id, day.isoformat()), TOTALS)
            if entity is not None and whole(entity["readings"]) > 0:
                found[day] = _totals(entity)
        return found

    def readings(self, pet_id: str, day: date) -> list[Reading]:
        entities = self._entities.partition(key("DAY", pet_id, day.isoformat()), "R|")
        return [_reading(entity) for entity in entities]

    def signals(self, pet_id: str) -> PetSignals:
        """From the pet's signals entity, advanced after each recording: may lag a crash."""
        return self._signals.get(pet_id)

    def days(self, pet_id: str) -> list[date]:
        """From the totals entities of the pet's day partitions (a range query over them)."""
        return [_day_of(e) for e in self._day_totals(pet_id) if whole(e["readings"]) > 0]

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
        self._entities.delete(key("PET", pet_id), SIGNALS)

    def _day_totals(self, pet_id: str) -> list[Entity]:
        return list(self._entities.partitions(key("DAY", pet_id) + "|", TOTALS))

    def _claim(
        self, home: tuple[str, str], origin: str | None, readings: list[Reading]
    ) -> list[Reading]:
        """The readings whose marker names `home`, made now or before."""
        pk = key("READING", readings[0].tracker)
        times = sorted(instant_key(reading.time) for reading in readings)
        for attempt in range(MAX_ATTEMPTS):
            markers = {
                e["RowKey"]: e for e in self._entities.between(pk, times[0], times[-1] + "~")
            }
            absent = [r for r in readings if instant_key(r.time) not in markers]
            try:
                for start in range(0, len(absent), PER_TRANSACTION):
                    chunk = absent[start : start + PER_TRANSACTION]
                    self._entities.client.submit_transaction(
                        [("create", _marker(pk, home, origin, r)) for r in chunk]
                    )
            except TableTransactionError as error:
                if error.status_code != 409:  # not a marker a concurrent writer made first
                    raise
                pause(attempt)
                continue
            self._finish_orphans(home, readings, markers)
            return [r for r in readings if _owner(markers.get(instant_key(r.time))) in (home, None)]
        raise RuntimeError(f"markers of {pk} kept changing")

    def _finish_orphans(
        self, home: tuple[str, str], readings: list[Reading], markers: dict[str, Entity]
    ) -> None:
        """Count, in their own pet-day, readings whose claimant seems to have died after claiming."""
        orphans: dict[tuple[tuple[str, str], str | None], list[Reading]] = defaultdict(list)
        for reading in readings:
            marker = markers.get(instant_key(reading.time))
            owner = _owner(marker)
            if marker is not None and owner not in (home, None) and _stale(marker):
                orphans[(owner, marker.get("origin"))].append(reading)
        for (owner, origin), stranded in orphans.items():
            self._count(owner, stranded, origin)

    def _count(
        self, home: tuple[str, str], readings: list[Reading], origin: str | None
    ) -> tuple[list[Reading], list[Reading], Entity | None]:
        """Store and count the readings not stored yet: the new ones, those found stored by
        `origin`, and the totals after."""
        pk = key("DAY", *home)
        totals = self._entities.get(pk, TOTALS)
        tag = etag(totals) if totals is not None else None
        pending, again = (readings, list[Reading]())
        if totals is not None:  # else the day has no readings yet
            pending, again = self._unstored(pk, readings, origin)
        new: list[Reading] = []
        for attempt in range(MAX_ATTEMPTS):
            if not pending:
                return new, again, totals
            chunk = pending[:READINGS_PER_TRANSACTION]
            written = DaySummary.of(totals).add(chunk).entity(pk)
            try:
                answers = self._entities.client.submit_transaction(
                    _count_operations(pk, chunk, origin, written, tag)
                )
            except TableTransactionError as error:
                if error.status_code not in (409, 412):
                    raise
                totals, before = self._entities.get(pk, TOTALS), len(pending)
                tag = etag(totals) if totals is not None else None
                pending, stored_meanwhile = self._unstored(pk, pending, origin)
                again += stored_meanwhile
                if len(pending) == before:
                    pause(attempt)
                continue
            new, pending = new + chunk, pending[len(chunk) :]
            totals, tag = written, answers[-1]["etag"]
        raise RuntimeError(f"the totals of {pk} kept changing")

    def _unstored(
        self, pk: str, readings: list[Reading], origin: str | None
    ) -> tuple[list[Reading], list[Reading]]:
        """The readings not stored yet, and those stored by a delivery from `origin`."""
        if not readings:
            return [], []
        rows = sorted(_row(reading) for reading in readings)
        stored = {e["RowKey"]: e for e in self._entities.between(pk, rows[0], rows[-1] + "~")}
        unstored = [reading for reading in readings if _row(reading) not in stored]
        mine = [reading for reading in readings if _made_by(stored.get(_row(reading)), origin)]
        return unstored, mine


def _day_of(totals: Entity) -> date:
    return date.fromisoformat(totals["PartitionKey"].rsplit("|", 1)[1])


def _times_by_tracker(readings: list[Entity]) -> dict[str, list[str]]:
    """The RowKeys of the readings' markers, by the tracker whose partition holds them."""
    times: dict[str, list[str]] = defaultdict(list)
    for reading in readings:
        times[reading["tracker"]].append(reading["time"])
    return times


def _by_tracker(readings: Sequence[Reading]) -> dict[str, list[Reading]]:
    """Readings with distinct identities, by tracker: a transaction may not touch an entity twice."""
    groups: dict[str, list[Reading]] = defaultdict(list)
    for reading in first_of_each(readings):
        groups[reading.tracker].append(reading)
    return groups


def _order(readings: Sequence[Reading]) -> Any:
    position = {reading.key: n for n, reading in reversed(list(enumerate(readings)))}
    return lambda reading: position[reading.key]


def _marker(pk: str, home: tuple[str, str], origin: str | None, reading: Reading) -> Entity:
    marker: Entity = {
        "PartitionKey": pk,
        "RowKey": instant_key(reading.time),
        "pet_id": home[0],
        "day": home[1],
    }
    if origin is not None:
        marker["origin"] = origin
    return marker


def _owner(marker: Entity | None) -> tuple[str, str] | None:
    return None if marker is None else (marker["pet_id"], marker["day"])


def _stale(marker: Entity) -> bool:
    made = marker.metadata["timestamp"]  # type: ignore[attr-defined]
    return bool(made is not None and datetime.now(UTC) - made > ORPHANED_AFTER)


def _row(reading: Reading) -> str:
    return f"R|{instant_key(reading.time)}|{key(reading.tracker)}"


def _count_operations(
    pk: str, chunk: list[Reading], origin: str | None, totals: Entity, tag: str | None
) -> list[Any]:
    """Create the readings and create the totals, or replace them if their ETag is still `tag`."""
    operations: list[Any] = [("create", _entity(pk, reading, origin)) for reading in chunk]
    if tag is None:
        return [*operations, ("create", totals)]
    guard = {
        "mode": UpdateMode.REPLACE,
        "etag": tag,
        "match_condition": MatchConditions.IfNotModified,
    }
    return [*operations, ("update", totals, guard)]


def _entity(pk: str, reading: Reading, origin: str | None) -> Entity:
    position = reading.position
    entity: Entity = {
        "PartitionKey": pk,
        "RowKey": _row(reading),
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


def _made_by(entity: Entity | None, origin: str | None) -> bool:
    """Whether a delivery from `origin` counted the reading entity (never when there is none)."""
    return origin is not None and entity is not None and entity.get("origin") == origin


def _reading(entity: Entity) -> Reading:
    latitude, battery = entity.get("latitude"), entity.get("battery")
    return Reading(
        tracker=entity["tracker"],
        time=instant_from_key(entity["time"]),
        steps=whole(entity["steps"]),
        position=None
        if latitude is None
        else Position(float(latitude), float(entity["longitude"])),
        battery=None if battery is None else whole(battery),
    )


def _totals(entity: Entity | None) -> DayTotals:
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


class PetSignalsEntity:
    """The pet's latest reading and battery (`PET|<pet>` / `SIGNALS`), only ever moved forward.

    Advanced from the day's totals after every recording, so one lost to a crash
    is made up by the next recording of that day (a redelivery included).
    """

    def __init__(self, entities: Entities) -> None:
        self._entities = entities

    def get(self, pet_id: str) -> PetSignals:
        summary = DaySummary.of(self._entities.get(key("PET", pet_id), SIGNALS))
        if not summary.latest:
            return PetSignals()
        return PetSignals(instant_from_key(summary.latest), summary.battery)

    def advance(self, pet_id: str, day: DaySummary) -> None:
        pk = key("PET", pet_id)
        for attempt in range(MAX_ATTEMPTS):
            stored = self._entities.get(pk, SIGNALS)
            current = DaySummary.of(stored)
            moved = attrs.evolve(current, latest=max(current.latest, day.latest))
            moved = moved.with_battery(day.battery_at, day.battery)
            if moved == current:
                return
            entity = moved.entity(pk, SIGNALS)
            if stored is None and self._entities.create(entity):
                return
            if stored is not None and self._entities.replace(entity, etag(stored)):
                return
            pause(attempt)
