"""The writes of the DynamoDB activity ledger to a pet's day (dynamodb_day_items.py): the
conditional append of a tracker's new readings, the move of its latest readings to a chunk, and
the careful write of readings checked against what is stored, on the day's version."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import attrs
from botocore.exceptions import ClientError

from adapters.aws.dynamodb_day_items import (
    CHUNK_BYTES,
    ITEM_LIMIT,
    TAIL_BUDGET,
    TrackerDay,
    chunk_sk,
    day_key,
    item_bytes,
    names,
    position_value,
    totals_of,
)
from adapters.aws.dynamodb_items import Item, Items, condition_failed, key, plain, to_item
from adapters.reading_pack import base_of, join, micros, pack, unpack
from application.ports.activity import Battery, DayReadings
from domain.activity import DayTotals
from domain.readings import Reading

RETRIABLE = {"TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded"}


class LostRace(Exception):
    """Another writer changed the day between its read and this write: read again."""


@attrs.frozen
class Appended:
    totals: DayTotals
    battery_before: Battery | None


class DayWrites:
    def __init__(self, items: Items) -> None:
        self._items = items

    def append(self, day: DayReadings, ordered: list[Reading], segment: bytes) -> Appended | Item:
        """Append readings all newer than the tracker's newest of the day, in one UpdateItem;
        the day item as it is when they are not (then nothing was written)."""
        update = _Update(day.tracker)
        update.newest(ordered, None)
        update.set("#r", "list_append(if_not_exists(#r, :empty), :seg)")
        update.values |= {":seg": [segment], ":empty": [], ":first": micros(ordered[0].time)}
        update.count(ordered)
        try:
            answer = self._items.client.update_item(
                TableName=self._items.table,
                Key=key(*day_key(day.pet_id, day.day)),
                ConditionExpression="attribute_not_exists(#w) OR #w < :first",
                ReturnValues="ALL_OLD",
                ReturnValuesOnConditionCheckFailure="ALL_OLD",
                **update.arguments(),
            )
        except ClientError as error:
            if condition_failed(error):
                found: Item = error.response.get("Item") or {}  # type: ignore[assignment]
                return plain(found)
            raise
        old = plain(answer.get("Attributes", {}))
        state = TrackerDay.of(old, day.tracker)
        # Move the tracker's latest readings to a chunk when one more such append would take the
        # day item past one write unit.
        if item_bytes(old) + 40 + 2 * (len(segment) + 1) > ITEM_LIMIT and state.tail:
            self._move(day, (*state.tail, segment))
        return Appended(_plus(totals_of(old), ordered), state.battery_level)

    def write(
        self, day: DayReadings, item: Item | None, state: TrackerDay, new: list[Reading]
    ) -> DayTotals:
        """Store and count `new` (checked against what is stored) on the day's version: raises
        LostRace when the version moved."""
        ordered = sorted(new, key=lambda reading: reading.time)
        update = _Update(day.tracker)
        update.newest(ordered, state)
        update.count(ordered)
        version = None if item is None else item.get("v")
        condition = "attribute_not_exists(v)" if version is None else "v = :v"
        if version is not None:
            update.values[":v"] = version
        segment = pack(ordered, base_of(day.day), day.origin)
        if state.tail_bytes() + len(segment) + 1 <= TAIL_BUDGET:
            update.set("#r", "list_append(if_not_exists(#r, :empty), :seg)")
            update.values |= {":seg": [segment], ":empty": []}
            self._update(day, update, condition)
        else:
            self._with_chunks(day, update, condition, ordered)
        return _plus(totals_of(item), ordered)

    def _update(self, day: DayReadings, update: _Update, condition: str) -> None:
        try:
            self._items.client.update_item(
                TableName=self._items.table,
                Key=key(*day_key(day.pet_id, day.day)),
                ConditionExpression=condition,
                **update.arguments(),
            )
        except ClientError as error:
            if condition_failed(error):
                raise LostRace from error
            raise

    def _with_chunks(
        self, day: DayReadings, update: _Update, condition: str, ordered: list[Reading]
    ) -> None:
        """The readings in chunks of their own and the day item's totals, in one transaction."""
        actions: list[Item] = [
            {"Put": {"TableName": self._items.table, "Item": chunk,
                     "ConditionExpression": "attribute_not_exists(pk)"}}
            for chunk in _chunks(day, ordered)
        ]  # fmt: skip
        actions.append(
            {
                "Update": {
                    "TableName": self._items.table,
                    "Key": key(*day_key(day.pet_id, day.day)),
                    "ConditionExpression": condition,
                    **update.arguments(),
                }
            }
        )
        try:
            self._items.client.transact_write_items(TransactItems=actions)
        except ClientError as error:
            if _lost(error):
                raise LostRace from error
            raise

    def _move(self, day: DayReadings, segments: Sequence[bytes]) -> None:
        """The tracker's latest segments to a chunk, then out of the day item, if they are still
        its first ones (else another writer moved them: its chunk holds them too)."""
        base = base_of(day.day)
        times = [micros(r.time) for s in segments for r in unpack(s, base, day.tracker).readings]
        pk, _ = day_key(day.pet_id, day.day)
        chunk = {"pk": pk, "sk": chunk_sk(day.day, day.tracker, min(times), max(times))}
        self._items.put({**chunk, "t": day.tracker, "r": join(segments)})
        count = len(segments)
        removed = ", ".join(f"#r[{n}]" for n in range(count))
        try:
            self._items.client.update_item(
                TableName=self._items.table,
                Key=key(*day_key(day.pet_id, day.day)),
                UpdateExpression=f"REMOVE {removed}",
                ConditionExpression=f"size(#r) >= :count AND #r[0] = :first AND #r[{count - 1}] = :last",
                ExpressionAttributeNames={"#r": f"r:{day.tracker}"},
                ExpressionAttributeValues=to_item(
                    {":count": count, ":first": segments[0], ":last": segments[-1]}
                ),
            )
        except ClientError as error:
            if not condition_failed(error):
                raise


class _Update:
    """An update expression of a day item, built up for one tracker."""

    def __init__(self, tracker: str) -> None:
        self._names, self._sets = names(tracker), list[str]()
        self.values: dict[str, Any] = {}

    def set(self, name: str, value: str) -> None:
        self._sets.append(f"{name} = {value}")

    def newest(self, ordered: list[Reading], state: TrackerDay | None) -> None:
        """The tracker's newest reading, position and battery, where the readings bring newer."""
        last = micros(ordered[-1].time)
        if state is None or state.newest is None or last > state.newest:
            self.set("#w", ":last")
            self.values[":last"] = last
        positioned = [(r.time, r.position) for r in ordered if r.position is not None]
        if positioned and _newer(positioned[-1][0], state.position if state else None):
            self.set("#p", ":pos")
            self.values[":pos"] = position_value(micros(positioned[-1][0]), positioned[-1][1])
        charged = [r for r in ordered if r.battery is not None]
        if charged and _newer(charged[-1].time, state.battery if state else None):
            self.set("#b", ":bat")
            self.values[":bat"] = [micros(charged[-1].time), charged[-1].battery]

    def count(self, readings: list[Reading]) -> None:
        self.values |= {":one": 1, ":steps": sum(r.steps for r in readings), ":n": len(readings)}

    def arguments(self) -> dict[str, Any]:
        sets = f"SET {', '.join(self._sets)} " if self._sets else ""
        expression = f"{sets}ADD v :one, s :steps, n :n"
        used = {name: value for name, value in self._names.items() if name in expression}
        arguments: dict[str, Any] = {
            "UpdateExpression": expression,
            "ExpressionAttributeValues": to_item(self.values),
        }
        return arguments | ({"ExpressionAttributeNames": used} if used else {})


def _newer(time: datetime, known: tuple[int, Any] | None) -> bool:
    return known is None or micros(time) > known[0]


def _plus(totals: DayTotals, readings: Sequence[Reading]) -> DayTotals:
    return DayTotals(totals.steps + sum(r.steps for r in readings), totals.readings + len(readings))


def _chunks(day: DayReadings, ordered: list[Reading]) -> list[Item]:
    """The readings in chunk items of at most CHUNK_BYTES each."""
    pk, _ = day_key(day.pet_id, day.day)
    base, chunks, start = base_of(day.day), list[Item](), 0
    step = max(1, CHUNK_BYTES // 24)
    while start < len(ordered):
        part = ordered[start : start + step]
        first, last = micros(part[0].time), micros(part[-1].time)
        data = join([pack(part, base, day.origin)])
        sk = chunk_sk(day.day, day.tracker, first, last)
        chunks.append(to_item({"pk": pk, "sk": sk, "t": day.tracker, "r": data}))
        start += step
    return chunks


def _lost(error: ClientError) -> bool:
    """Whether a cancelled transaction lost a race (or was throttled) and may be made again."""
    reasons = error.response.get("CancellationReasons") or []
    if error.response["Error"]["Code"] != "TransactionCanceledException" or not reasons:
        return False
    codes = {str(reason.get("Code", "None")) for reason in reasons} - {"None"}
    return bool(codes) and codes <= RETRIABLE | {"ConditionalCheckFailed"}
