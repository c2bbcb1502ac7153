"""The items of the DynamoDB activity ledger, in the pet's partition `PET#<pet>`:

- the day item `DAY#<day>`: the day's totals (`s` steps, `n` readings), its version `v`, and per
  tracker T with readings that day: `w:T` the time of its newest reading, `p:T` its newest
  position [time, latitude, longitude], `b:T` its newest battery level [time, percent], and
  `r:T` its latest readings, a list of packed segments (adapters/reading_pack.py), kept under
  about 1 KB whole so that a write of it costs one write unit;
- chunk items `CHUNK#<day>#<T>#<first>#<last>`: segments moved out of `r:T` (or written there
  directly, for a delivery too large for `r:T`), `r` their bytes joined.

Times are microseconds since the epoch, numbers. A reading is counted in the day item's totals
before or as it is written to a chunk, so a chunk never holds a reading the totals miss; a
segment may be in a chunk and still in `r:T` for a moment (moving it is two writes): readers
take each identity once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from adapters.aws.dynamodb_items import Item
from adapters.reading_pack import base_of, instant, split, unpack
from application.ports.activity import Battery
from domain.activity import DayTotals
from domain.readings import Position, Reading, ReadingKey

ITEM_LIMIT = 1024  # a day item kept under one write unit
TAIL_BUDGET = 640  # the most bytes of segments a delivery appends to a tracker's latest readings
CHUNK_BYTES = 300_000  # of a chunk item (DynamoDB takes 400 KB)


def day_key(pet_id: str, day: date) -> tuple[str, str]:
    return f"PET#{pet_id}", f"DAY#{day.isoformat()}"


def chunk_prefix(day: date, tracker: str | None = None) -> str:
    return f"CHUNK#{day.isoformat()}#" + (f"{tracker}#" if tracker else "")


def chunk_sk(day: date, tracker: str, first: int, last: int) -> str:
    return f"{chunk_prefix(day, tracker)}{first:017d}#{last:017d}"


def names(tracker: str) -> dict[str, str]:
    """The expression attribute names of a tracker's attributes of the day item."""
    return {"#w": f"w:{tracker}", "#p": f"p:{tracker}", "#b": f"b:{tracker}", "#r": f"r:{tracker}"}


@attrs.frozen
class TrackerDay:
    """What a day item holds of one tracker (as DynamoDB plain values)."""

    newest: int | None
    position: tuple[int, Position] | None
    battery: tuple[int, int] | None
    tail: tuple[bytes, ...]

    @classmethod
    def of(cls, item: Item | None, tracker: str) -> TrackerDay:
        item = item or {}
        newest, position = item.get(f"w:{tracker}"), item.get(f"p:{tracker}")
        battery = item.get(f"b:{tracker}")
        return cls(
            None if newest is None else int(newest),
            None if position is None else (int(position[0]), _position(position[1:])),
            None if battery is None else (int(battery[0]), int(battery[1])),
            tuple(bytes(segment) for segment in item.get(f"r:{tracker}", [])),
        )

    @property
    def battery_level(self) -> Battery | None:
        return None if self.battery is None else (instant(self.battery[0]), self.battery[1])

    def tail_bytes(self) -> int:
        return sum(len(segment) + 1 for segment in self.tail)


def item_bytes(item: Item) -> int:
    """The item's size as DynamoDB counts it for write units: each attribute's name and value
    (a string or binary its bytes, a number a byte per two digits and one, a list three bytes
    and each member and a byte). It decides when a tracker's latest readings move to a chunk."""
    return sum(len(name.encode()) + _value_bytes(value) for name, value in item.items())


def _value_bytes(value: Any) -> int:
    if isinstance(value, str):
        return len(value.encode())
    if isinstance(value, bytes | bytearray):
        return len(value)
    if isinstance(value, list):
        return 3 + sum(_value_bytes(member) + 1 for member in value)
    if hasattr(value, "value") and isinstance(value.value, bytes):  # boto3's Binary
        return len(value.value)
    digits = str(abs(value)).replace(".", "").strip("0") or "0"
    return (len(digits) + 1) // 2 + 1


def totals_of(item: Item | None) -> DayTotals:
    if not item or "s" not in item:
        return DayTotals()
    return DayTotals(steps=int(item["s"]), readings=int(item["n"]))


def stored_readings(
    day: date, tracker: str, tails: Iterable[bytes], chunks: Iterable[Item]
) -> dict[ReadingKey, tuple[Reading, str | None]]:
    """Every reading of the tracker's segments (the day item's and its chunks'), each identity
    once, with the origin that stored it."""
    base = base_of(day)
    segments = [*tails, *(s for chunk in chunks for s in split(bytes(chunk["r"])))]
    found: dict[ReadingKey, tuple[Reading, str | None]] = {}
    for data in segments:
        segment = unpack(data, base, tracker)
        for reading in segment.readings:
            found.setdefault(reading.key, (reading, segment.origin))
    return found


def position_value(time: int, position: Position) -> list[Any]:
    return [time, position.latitude, position.longitude]


def _position(values: list[Any]) -> Position:
    return Position(float(values[0]), float(values[1]))
