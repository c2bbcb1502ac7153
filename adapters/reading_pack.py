"""Readings packed small, as DynamoDB and Tables keep them: a segment is the readings one write
added, with their tracker and origin when the place they are kept does not say them already.

A segment: a flags byte (1: an origin follows, 2: a tracker follows), each of those as a varint
length and UTF-8 bytes, the number of readings, then per reading a flags byte (1: whole
seconds, 2: a battery level, 4: a position, 8: the position as two doubles), its time as a
zigzag varint of seconds or microseconds from `base` (the UTC midnight of the day kept), its
steps, its battery level (a byte), and its position: latitude and longitude as zigzag varints
of 1e-7 degrees when that gives them back exactly, else as two big-endian doubles. A reading
with a position takes 15 to 20 bytes, one without 5 to 8: a reading's JSON is about 100.
Segments in a row (a chunk) are each preceded by their length. Packing is exact: what is
unpacked equals what was packed.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta

import attrs

from domain.readings import Position, Reading

SCALE = 10_000_000
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_DOUBLES = struct.Struct(">dd")
WHOLE, BATTERY, POSITION, DOUBLES = 1, 2, 4, 8
HAS_ORIGIN, HAS_TRACKER = 1, 2


@attrs.frozen
class Segment:
    tracker: str
    origin: str | None
    readings: tuple[Reading, ...]


def base_of(day: date) -> int:
    """The microseconds since the epoch of the UTC midnight that starts `day`'s date."""
    return (
        int((datetime(day.year, day.month, day.day, tzinfo=UTC) - _EPOCH).total_seconds()) * 10**6
    )


def micros(time: datetime) -> int:
    """An instant as whole microseconds since the epoch (exact: instants have microseconds)."""
    delta = time - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 10**6 + delta.microseconds


def instant(us: int) -> datetime:
    return _EPOCH + timedelta(microseconds=us)


def pack(
    readings: Sequence[Reading], base: int, origin: str | None = None, tracker: str | None = None
) -> bytes:
    """One segment of `readings` (all of one tracker); `tracker` is written only when given."""
    out = bytearray([(HAS_ORIGIN if origin else 0) | (HAS_TRACKER if tracker else 0)])
    for text in (tracker, origin):
        if text:
            raw = text.encode()
            _varint(out, len(raw))
            out += raw
    _varint(out, len(readings))
    for reading in readings:
        _reading(out, reading, base)
    return bytes(out)


def unpack(data: bytes, base: int, tracker: str = "") -> Segment:
    """The segment `pack` made; `tracker` where the segment does not name one."""
    segment, end = _segment(data, 0, base, tracker)
    if end != len(data):
        raise ValueError("bytes after the end of a segment")
    return segment


def join(segments: Iterable[bytes]) -> bytes:
    """Segments in a row, each preceded by its length."""
    out = bytearray()
    for segment in segments:
        _varint(out, len(segment))
        out += segment
    return bytes(out)


def split(data: bytes) -> list[bytes]:
    """The segments `join` put in a row."""
    found, at = [], 0
    while at < len(data):
        length, at = _read_varint(data, at)
        found.append(data[at : at + length])
        at += length
    if at != len(data):
        raise ValueError("a segment runs past the end of the chunk")
    return found


def _reading(out: bytearray, reading: Reading, base: int) -> None:
    offset = micros(reading.time) - base
    whole = offset % 10**6 == 0
    flags = (WHOLE if whole else 0) | (BATTERY if reading.battery is not None else 0)
    position = reading.position
    scaled = _scaled(position) if position is not None else None
    if position is not None:
        flags |= POSITION | (DOUBLES if scaled is None else 0)
    out.append(flags)
    _varint(out, _zigzag(offset // 10**6 if whole else offset))
    _varint(out, reading.steps)
    if reading.battery is not None:
        out.append(reading.battery)
    if position is not None and scaled is None:
        out += _DOUBLES.pack(position.latitude, position.longitude)
    elif scaled is not None:
        _varint(out, _zigzag(scaled[0]))
        _varint(out, _zigzag(scaled[1]))


def _scaled(position: Position) -> tuple[int, int] | None:
    """The position in 1e-7 degrees, when that gives it back exactly."""
    latitude, longitude = round(position.latitude * SCALE), round(position.longitude * SCALE)
    if latitude / SCALE == position.latitude and longitude / SCALE == position.longitude:
        return latitude, longitude
    return None


def _segment(data: bytes, at: int, base: int, tracker: str) -> tuple[Segment, int]:
    flags, at = data[at], at + 1
    texts: list[str | None] = []
    for present in (flags & HAS_TRACKER, flags & HAS_ORIGIN):
        if not present:
            texts.append(None)
            continue
        length, at = _read_varint(data, at)
        texts.append(data[at : at + length].decode())
        at += length
    count, at = _read_varint(data, at)
    serial = texts[0] or tracker
    readings = []
    for _ in range(count):
        reading, at = _read_reading(data, at, base, serial)
        readings.append(reading)
    return Segment(serial, texts[1], tuple(readings)), at


def _read_reading(data: bytes, at: int, base: int, tracker: str) -> tuple[Reading, int]:
    flags, at = data[at], at + 1
    offset, at = _read_varint(data, at)
    offset = _unzigzag(offset) * (10**6 if flags & WHOLE else 1)
    steps, at = _read_varint(data, at)
    battery = None
    if flags & BATTERY:
        battery, at = data[at], at + 1
    position = None
    if flags & DOUBLES:
        position, at = Position(*_DOUBLES.unpack_from(data, at)), at + _DOUBLES.size
    elif flags & POSITION:
        latitude, at = _read_varint(data, at)
        longitude, at = _read_varint(data, at)
        position = Position(_unzigzag(latitude) / SCALE, _unzigzag(longitude) / SCALE)
    return Reading(tracker, instant(base + offset), steps, position, battery), at


def _zigzag(value: int) -> int:
    return value * 2 if value >= 0 else -value * 2 - 1


def _unzigzag(value: int) -> int:
    return value // 2 if value % 2 == 0 else -(value + 1) // 2


def _varint(out: bytearray, value: int) -> None:
    while value > 0x7F:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)


def _read_varint(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, at
        shift += 7
