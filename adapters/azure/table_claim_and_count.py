"""Recording readings in Tables: claim each reading's identity, then count it in its pet-day.

Tables has no transaction across partitions, so recording runs in two steps, each
atomic in its own partition:

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
finishes an older one in the marker's pet-day. A marker's age is told by the
storage service's timestamp of it against the injected clock, which must tell the
service's time (the system clock, in production).

A reading entity keeps the origin of the delivery that counted it (a bundle's
id): the readings found stored in step 2 are the caller's own when their origin
is the caller's, whichever run of that delivery counted them. A marker keeps the
origin of its claimant too, so that an orphan is finished on its behalf.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from azure.core import MatchConditions
from azure.data.tables import TableTransactionError, UpdateMode

from adapters.azure.table_entities import Entities, Entity, etag, key, pause
from adapters.azure.table_reading_entities import (
    TOTALS,
    DaySummary,
    day_partition,
    reading_entity,
    reading_row,
)
from application.ports.clock import Clock
from domain.clockwork import instant_key
from domain.readings import Reading, first_of_each

PER_TRANSACTION = 100
READINGS_PER_TRANSACTION = 99  # and the totals
MAX_ATTEMPTS = 60
ORPHANED_AFTER = timedelta(minutes=5)

Home = tuple[str, str]  # the pet-day that owns a reading: (pet id, day as ISO text)
Counted = tuple[list[Reading], list[Reading], Entity | None]


class ClaimAndCount:
    def __init__(self, entities: Entities, clock: Clock) -> None:
        self._entities, self._clock = entities, clock

    def record(self, home: Home, readings: Sequence[Reading], origin: str | None) -> Counted:
        """Both steps for the readings of one pet-day: the new readings, those found stored by
        `origin`, and the day's totals entity after (None while the day has no readings)."""
        claimed: list[Reading] = []
        for tracker_readings in _by_tracker(readings).values():
            claimed += self.claim(home, origin, tracker_readings)
        return self.count(home, claimed, origin)

    def claim(self, home: Home, origin: str | None, readings: list[Reading]) -> list[Reading]:
        """Step 1 for distinct readings of one tracker: those whose marker names `home`, made
        now or before. Stale claims of other pet-days that it meets are finished first."""
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

    def count(self, home: Home, readings: list[Reading], origin: str | None) -> Counted:
        """Step 2: store and count the readings not stored yet: the new ones, those found stored
        by `origin`, and the totals entity after."""
        pk = day_partition(*home)
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

    def _finish_orphans(
        self, home: Home, readings: list[Reading], markers: dict[str, Entity]
    ) -> None:
        """Count, in their own pet-day, readings whose claimant seems to have died after claiming."""
        orphans: dict[tuple[Home, str | None], list[Reading]] = defaultdict(list)
        for reading in readings:
            marker = markers.get(instant_key(reading.time))
            owner = _owner(marker)
            if marker is not None and owner not in (home, None) and self._stale(marker):
                orphans[(owner, marker.get("origin"))].append(reading)
        for (owner, origin), stranded in orphans.items():
            self.count(owner, stranded, origin)

    def _stale(self, marker: Entity) -> bool:
        made = marker.metadata["timestamp"]  # type: ignore[attr-defined]
        return bool(made is not None and self._clock.now() - made > ORPHANED_AFTER)

    def _unstored(
        self, pk: str, readings: list[Reading], origin: str | None
    ) -> tuple[list[Reading], list[Reading]]:
        """The readings not stored yet, and those stored by a delivery from `origin`."""
        if not readings:
            return [], []
        rows = sorted(reading_row(reading) for reading in readings)
        stored = {e["RowKey"]: e for e in self._entities.between(pk, rows[0], rows[-1] + "~")}
        unstored = [reading for reading in readings if reading_row(reading) not in stored]
        mine = [r for r in readings if _made_by(stored.get(reading_row(r)), origin)]
        return unstored, mine


def _by_tracker(readings: Sequence[Reading]) -> dict[str, list[Reading]]:
    """Readings with distinct identities, by tracker: a transaction may not touch an entity twice."""
    groups: dict[str, list[Reading]] = defaultdict(list)
    for reading in first_of_each(readings):
        groups[reading.tracker].append(reading)
    return groups


def _marker(pk: str, home: Home, origin: str | None, reading: Reading) -> Entity:
    marker: Entity = {
        "PartitionKey": pk,
        "RowKey": instant_key(reading.time),
        "pet_id": home[0],
        "day": home[1],
    }
    if origin is not None:
        marker["origin"] = origin
    return marker


def _owner(marker: Entity | None) -> Home | None:
    return None if marker is None else (marker["pet_id"], marker["day"])


def _count_operations(
    pk: str, chunk: list[Reading], origin: str | None, totals: Entity, tag: str | None
) -> list[Any]:
    """Create the readings and create the totals, or replace them if their ETag is still `tag`."""
    operations: list[Any] = [("create", reading_entity(pk, reading, origin)) for reading in chunk]
    if tag is None:
        return [*operations, ("create", totals)]
    guard = {
        "mode": UpdateMode.REPLACE,
        "etag": tag,
        "match_condition": MatchConditions.IfNotModified,
    }
    return [*operations, ("update", totals, guard)]


def _made_by(entity: Entity | None, origin: str | None) -> bool:
    """Whether a delivery from `origin` counted the reading entity (never when there is none)."""
    return origin is not None and entity is not None and entity.get("origin") == origin
