"""Readings: what one tracker measured at one instant, and the rules a reading must keep."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

import attrs

from domain.clockwork import format_instant, parse_instant
from domain.errors import InvalidInput
from domain.numbers import is_number, is_whole

MAX_STEPS = 100_000
MAX_AHEAD = timedelta(minutes=5)
MAX_AGE = timedelta(days=90)
FIELDS = ("time", "steps", "latitude", "longitude", "battery")


@attrs.frozen
class Position:
    latitude: float
    longitude: float


ReadingKey = tuple[str, datetime]  # (tracker, time): a reading's identity


@attrs.frozen
class Reading:
    """Identity: (tracker, time). Time is an aware UTC datetime."""

    tracker: str
    time: datetime
    steps: int
    position: Position | None = None
    battery: int | None = None

    @property
    def key(self) -> ReadingKey:
        """The identity: equal for equal instants, whatever their offset."""
        return (self.tracker, self.time)

    def to_raw(self) -> dict[str, object]:
        """The wire form a tracker sends, so that a reading can be kept or sent on."""
        raw: dict[str, object] = {"time": format_instant(self.time), "steps": self.steps}
        if self.position is not None:
            raw["latitude"] = self.position.latitude
            raw["longitude"] = self.position.longitude
        if self.battery is not None:
            raw["battery"] = self.battery
        return raw


def differing_field(stored: Reading, delivered: Reading) -> str | None:
    """The first field in which a delivered reading differs from the stored one with its
    identity (None: the same reading again)."""
    if stored.steps != delivered.steps:
        return "steps"
    here, there = stored.position, delivered.position
    if here != there:
        same_latitude = here is not None and there is not None and here.latitude == there.latitude
        return "longitude" if same_latitude else "latitude"
    return "battery" if stored.battery != delivered.battery else None


def first_of_each(readings: Iterable[Reading]) -> list[Reading]:
    """The readings with distinct identities, each the first delivered, in delivery order: a
    reading twice in one delivery is one reading (and the second never looks known)."""
    first: dict[ReadingKey, Reading] = {}
    for reading in readings:
        first.setdefault(reading.key, reading)
    return list(first.values())


def firsts_and_conflicts(
    readings: Iterable[Reading],
) -> tuple[list[Reading], list[tuple[Reading, str]]]:
    """`first_of_each`, and each later reading of a known identity that has other values, with
    the field that differs (the same values again are simply one reading)."""
    first: dict[ReadingKey, Reading] = {}
    conflicts: list[tuple[Reading, str]] = []
    for reading in readings:
        known = first.setdefault(reading.key, reading)
        field = differing_field(known, reading) if known is not reading else None
        if field is not None:
            conflicts.append((reading, field))
    return list(first.values()), conflicts


def parse_reading(tracker: str, raw: object, now: datetime) -> Reading:
    """A valid Reading from a tracker's raw mapping, or InvalidInput naming the field."""
    if type(raw) is not dict and not isinstance(raw, Mapping):  # a dict is asked first: faster
        raise InvalidInput("reading", "a reading must be a JSON object")
    time = _checked_time(raw.get("time"), now)
    steps = raw.get("steps")
    if not is_whole(steps) or not 0 <= steps <= MAX_STEPS:
        raise InvalidInput("steps", f"steps must be a whole number from 0 to {MAX_STEPS}")
    return Reading(tracker, time, steps, _checked_position(raw), _checked_battery(raw))


def _checked_time(value: object, now: datetime) -> datetime:
    if value is None:
        raise InvalidInput("time", "time is required")
    time = parse_instant(value)
    if time > now + MAX_AHEAD:
        raise InvalidInput("time", "time is more than 5 minutes in the future")
    if time < now - MAX_AGE:
        raise InvalidInput("time", "time is more than 90 days in the past")
    return time


def _checked_position(raw: Mapping[str, object]) -> Position | None:
    latitude, longitude = raw.get("latitude"), raw.get("longitude")
    if latitude is None and longitude is None:
        return None
    return checked_position(latitude, longitude)


def checked_position(latitude: object, longitude: object) -> Position:
    """A position from its two coordinates, each checked (InvalidInput names the one at fault)."""
    return Position(_coordinate("latitude", latitude, 90), _coordinate("longitude", longitude, 180))


def _coordinate(name: str, value: object, limit: int) -> float:
    if value is None:
        raise InvalidInput(name, "latitude and longitude come together or not at all")
    if not is_number(value) or not -limit <= value <= limit:
        raise InvalidInput(name, f"{name} must be a number from -{limit} to {limit}")
    return float(value)


def _checked_battery(raw: Mapping[str, object]) -> int | None:
    battery = raw.get("battery")
    if battery is None:
        return None
    if not is_whole(battery) or not 0 <= battery <= 100:
        raise InvalidInput("battery", "battery must be a whole percent from 0 to 100")
    return battery


@attrs.frozen
class Rejection:
    """A reading that broke a rule: where it stood in the delivery, which field, why."""

    position: int
    field: str
    reason: str


@attrs.frozen
class DeliveryReport:
    """What became of one delivery: new readings, ones already known, those kept in quarantine
    (`conflicting` of them because the same instant was stored with other values), and those
    refused."""

    accepted: int = 0
    duplicates: int = 0
    quarantined: int = 0
    rejected: tuple[Rejection, ...] = ()
    conflicting: int = 0

    @classmethod
    def refused_whole(cls, error: InvalidInput) -> DeliveryReport:
        """A delivery refused as a whole (a bad serial, too many readings, a bundle that cannot
        be read): one rejection at position 0, naming the field and why; nothing counted."""
        return cls(rejected=(Rejection(0, error.field, error.detail),))

    def __add__(self, other: DeliveryReport) -> DeliveryReport:
        return DeliveryReport(
            self.accepted + other.accepted,
            self.duplicates + other.duplicates,
            self.quarantined + other.quarantined,
            self.rejected + other.rejected,
            self.conflicting + other.conflicting,
        )
