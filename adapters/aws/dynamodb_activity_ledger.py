"""The activity ledger in DynamoDB: one item per pet and day holding the day's totals and each
tracker's latest readings, packed; older readings in chunk items (dynamodb_day_items.py).

Recording a delivery of a tracker's new readings (all newer than its newest reading that day,
the common case of a packet) is one UpdateItem of the day item, under the condition that they
are: it appends the packed readings and adds them to the totals at once, so a reading is stored
and counted together, and of concurrent writers of one reading exactly one succeeds. It costs
one write unit, the item being kept under 1 KB; every ~30 readings a tracker's latest readings
move to a chunk (a PutItem and an UpdateItem). Anything else (a reading at or before the
tracker's newest, a delivery with an origin or with earlier routes to look in, or one too
large for the day item) reads the tracker's day (GetItem, Query of its chunks), leaves out
what is known, and writes the rest under a condition on the day's version: an UpdateItem, or,
with chunks, one TransactWriteItems. A write that lost to another is made again on what won.
"""

from __future__ import annotations

from datetime import date
from itertools import islice
from typing import Any

from adapters.aws.dynamodb_day_items import (
    TAIL_BUDGET,
    TrackerDay,
    chunk_prefix,
    day_key,
    stored_readings,
    totals_of,
)
from adapters.aws.dynamodb_day_writes import Appended, DayWrites, LostRace
from adapters.aws.dynamodb_items import Item, Items, pause
from adapters.reading_pack import base_of, instant, pack
from application.ports.activity import (
    ActivityLedger,
    Conflicting,
    DayReadings,
    Recorded,
    Stored,
    known_in,
    sort_out,
)
from domain.activity import DayTotals
from domain.readings import Reading, ReadingKey, firsts_and_conflicts
from domain.recommendations import PetSignals
from domain.safe_zones import Whereabouts

MAX_ATTEMPTS = 20
RECENT_DAYS = 7  # the newest day items read for a pet's signals

Known = dict[ReadingKey, Stored]


class DynamoDBActivityLedger(ActivityLedger):
    def __init__(self, client: Any, table: str) -> None:
        self._items = Items(client, table)
        self._writes = DayWrites(self._items)

    def record(self, day: DayReadings) -> Recorded:
        firsts, repeated = firsts_and_conflicts(day.readings)
        conflicts = [Conflicting(reading, field) for reading, field in repeated]
        ordered = sorted(firsts, key=lambda reading: reading.time)
        segment = pack(ordered, base_of(day.day)) if ordered else b""
        if ordered and day.origin is None and not day.elsewhere and len(segment) <= TAIL_BUDGET:
            appended = self._writes.append(day, ordered, segment)
            if not isinstance(appended, Appended):
                return self._careful(day, firsts, conflicts, appended)
            before = appended.battery_before
            return Recorded(tuple(firsts), appended.totals, (), tuple(conflicts), before)
        return self._careful(day, firsts, conflicts, None)

    def _careful(
        self,
        day: DayReadings,
        firsts: list[Reading],
        repeated: list[Conflicting],
        item: Item | None,
    ) -> Recorded:
        """Read the tracker's day, leave out the known readings, write the rest on its version."""
        for attempt in range(MAX_ATTEMPTS):
            if item is None:
                item = self._items.get(*day_key(day.pet_id, day.day))
            state = TrackerDay.of(item, day.tracker)
            known = self._stored(day, state)
            new, again, conflicts = sort_out(firsts, known_in(known), day.origin)
            before = state.battery_level
            found = (tuple(again), tuple([*repeated, *conflicts]), before)
            if not new:
                return Recorded((), totals_of(item), *found)
            try:
                totals = self._writes.write(day, item, state, new)
                return Recorded(tuple(new), totals, *found)
            except LostRace:
                item = None
                pause(attempt)
        raise RuntimeError(f"the day {day.day} of pet {day.pet_id} kept changing")

    def _stored(self, day: DayReadings, state: TrackerDay) -> Known:
        pk, _ = day_key(day.pet_id, day.day)
        chunks = self._items.partition(pk, chunk_prefix(day.day, day.tracker))
        stored = stored_readings(day.day, day.tracker, state.tail, chunks)
        for pet_id, other in day.elsewhere:
            item = self._items.get(*day_key(pet_id, other))
            tail = TrackerDay.of(item, day.tracker).tail
            pk, _ = day_key(pet_id, other)
            found = self._items.partition(pk, chunk_prefix(other, day.tracker))
            stored |= stored_readings(other, day.tracker, tail, found)
        return stored

    def totals(self, pet_id: str, first: date, last: date) -> dict[date, DayTotals]:
        items = self._items.query(
            KeyConditionExpression="pk = :pet AND sk BETWEEN :first AND :last",
            ExpressionAttributeValues={
                ":pet": {"S": f"PET#{pet_id}"},
                ":first": {"S": f"DAY#{first.isoformat()}"},
                ":last": {"S": f"DAY#{last.isoformat()}"},
            },
            ConsistentRead=True,
        )
        days = {_day(item): totals_of(item) for item in items}
        return {day: totals for day, totals in days.items() if totals.readings > 0}

    def readings(self, pet_id: str, day: date) -> list[Reading]:
        return self.day(pet_id, day)[1]

    def day(self, pet_id: str, day: date) -> tuple[DayTotals, list[Reading]]:
        """The day item first, then the chunks: a segment moved meanwhile is found in its chunk."""
        pk, sk = day_key(pet_id, day)
        item = self._items.get(pk, sk) or {}
        chunks = list(self._items.partition(pk, chunk_prefix(day)))
        trackers = {name[2:] for name in item if name.startswith("r:")}
        trackers |= {chunk["t"] for chunk in chunks}
        found: dict[ReadingKey, Reading] = {}
        for tracker in trackers:
            own = [c for c in chunks if c["t"] == tracker]
            tail = TrackerDay.of(item, tracker).tail
            found |= {k: r for k, (r, _) in stored_readings(day, tracker, tail, own).items()}
        return totals_of(item), sorted(found.values(), key=lambda r: (r.time, r.tracker))

    def signals(self, pet_id: str) -> PetSignals:
        """From the pet's newest day items (eventually consistent: may lag a write a moment)."""
        items = list(
            self._items.partition(
                f"PET#{pet_id}", "DAY#", ScanIndexForward=False, Limit=RECENT_DAYS
            )
        )
        newest = [int(v) for item in items[:1] for name, v in item.items() if name.startswith("w:")]
        if not newest:
            return PetSignals()
        batteries = [
            TrackerDay.of(item, name[2:]).battery
            for item in items
            for name in item
            if name.startswith("b:")
        ]
        battery = max((b for b in batteries if b is not None), default=None)
        return PetSignals(instant(max(newest)), battery[1] if battery else None)

    def whereabouts(self, pet_id: str) -> Whereabouts | None:
        """The newest `p:T` of the pet's newest day items (one Query, one page)."""
        pages = self._items.partition(
            f"PET#{pet_id}", "DAY#", ScanIndexForward=False, Limit=RECENT_DAYS
        )
        found = [
            TrackerDay.of(item, name[2:]).position
            for item in islice(pages, RECENT_DAYS)
            for name in item
            if name.startswith("p:")
        ]
        newest = max((p for p in found if p is not None), default=None, key=lambda p: p[0])
        return None if newest is None else Whereabouts(instant(newest[0]), newest[1])

    def days(self, pet_id: str) -> list[date]:
        return [_day(item) for item in self._day_items(pet_id) if int(item.get("n", 0)) > 0]

    def forget(self, pet_id: str) -> None:
        """The chunks, then the day items, so that a forget that failed midway still finds the
        days next time."""
        pk = f"PET#{pet_id}"
        chunks = [(pk, item["sk"]) for item in self._items.partition(pk, "CHUNK#")]
        self._items.batch_delete(chunks)
        self._items.batch_delete([(pk, item["sk"]) for item in self._day_items(pet_id)])

    def _day_items(self, pet_id: str) -> list[Item]:
        return list(self._items.partition(f"PET#{pet_id}", "DAY#"))


def _day(item: Item) -> date:
    return date.fromisoformat(item["sk"].removeprefix("DAY#"))
