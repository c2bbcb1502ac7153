"""Readings: every field's rule and boundary, and the field each rejection names."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.clockwork import format_instant
from domain.errors import InvalidInput
from domain.readings import (
    DeliveryReport,
    Position,
    Reading,
    Rejection,
    first_of_each,
    parse_reading,
)

from .conftest import NOW

TIME = "2026-11-20T08:00:00Z"


def parse(**fields: object) -> Reading:
    raw = {"time": TIME, "steps": 100, **fields}
    return parse_reading("TRK-001", {k: v for k, v in raw.items() if v is not ...}, NOW)


def rejected_field(**fields: object) -> str:
    with pytest.raises(InvalidInput) as error:
        parse(**fields)
    return error.value.field


def test_a_valid_reading_keeps_every_field() -> None:
    reading = parse(steps=1200, latitude=52.52, longitude=13.405, battery=60)
    assert reading == Reading(
        "TRK-001", datetime(2026, 11, 20, 8, tzinfo=UTC), 1200, Position(52.52, 13.405), 60
    )


@pytest.mark.parametrize("steps", [0, 1, 99_999, 100_000])
def test_steps_from_0_to_100000_are_accepted(steps: int) -> None:
    assert parse(steps=steps).steps == steps


@pytest.mark.parametrize(
    "steps", [-1, -5, 100_001, 12.5, 100.0, True, False, "many", "100", None, ..., [1]]
)
def test_steps_that_are_not_a_whole_number_in_range_name_steps(steps: object) -> None:
    assert rejected_field(steps=steps) == "steps"


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [(52.52, 13.405), (90, 180), (-90, -180), (0, 0), (-89.9999, 179.9999)],
)
def test_positions_in_range_are_accepted(latitude: float, longitude: float) -> None:
    assert parse(latitude=latitude, longitude=longitude).position == Position(latitude, longitude)


def test_a_reading_without_position_has_none() -> None:
    assert parse().position is None
    assert parse(latitude=None, longitude=None).position is None


@pytest.mark.parametrize(
    ("latitude", "longitude", "field"),
    [
        (52.52, ..., "longitude"),
        (52.52, None, "longitude"),
        (..., 13.405, "latitude"),
        (None, 13.405, "latitude"),
        (91.0, 13.405, "latitude"),
        (90.0001, 13.405, "latitude"),
        (-90.0001, 13.405, "latitude"),
        (52.52, 180.0001, "longitude"),
        (52.52, -180.5, "longitude"),
        ("52.52", 13.405, "latitude"),
        (True, 13.405, "latitude"),
        (float("nan"), 13.405, "latitude"),
        (52.52, float("inf"), "longitude"),
        pytest.param(10**400, 13.405, "latitude", id="huge-int-latitude"),
        pytest.param(52.52, -(10**400), "longitude", id="huge-int-longitude"),
    ],
)
def test_positions_come_whole_and_in_range(latitude: object, longitude: object, field: str) -> None:
    assert rejected_field(latitude=latitude, longitude=longitude) == field


@pytest.mark.parametrize("battery", [0, 14, 15, 100])
def test_battery_from_0_to_100_is_accepted(battery: int) -> None:
    assert parse(battery=battery).battery == battery


def test_battery_is_optional() -> None:
    assert parse().battery is None


@pytest.mark.parametrize("battery", [-1, 101, 50.5, 50.0, True, "50"])
def test_battery_that_is_not_a_whole_percent_names_battery(battery: object) -> None:
    assert rejected_field(battery=battery) == "battery"


@pytest.mark.parametrize(
    "time",
    [
        ...,
        None,
        "",
        "2026-11-20 08:00",
        "2026-11-20T08:00:00",
        "2026-11-20",
        "yesterdayT",
        1700000000,
    ],
)
def test_time_is_required_with_an_offset(time: object) -> None:
    assert rejected_field(time=time) == "time"


def test_time_with_an_offset_is_kept_in_utc() -> None:
    assert parse(time="2026-11-20T09:00:00+01:00").time == datetime(2026, 11, 20, 8, tzinfo=UTC)


@pytest.mark.parametrize(
    ("offset", "accepted"),
    [
        (timedelta(minutes=5), True),
        (timedelta(minutes=5, seconds=1), False),
        (timedelta(minutes=30), False),
        (-timedelta(days=90), True),
        (-timedelta(days=90, seconds=1), False),
    ],
)
def test_time_may_be_5_minutes_ahead_and_90_days_back(offset: timedelta, accepted: bool) -> None:
    time = format_instant(NOW + offset)
    if accepted:
        assert parse(time=time).time == NOW + offset
    else:
        assert rejected_field(time=time) == "time"


def test_the_first_broken_rule_is_named_time_before_steps() -> None:
    assert rejected_field(time="2026-11-20 08:00", steps=-1) == "time"


@pytest.mark.parametrize("raw", [[], "reading", 42, None])
def test_a_reading_must_be_an_object(raw: object) -> None:
    with pytest.raises(InvalidInput) as error:
        parse_reading("TRK-001", raw, NOW)
    assert error.value.field == "reading"


def test_identity_is_tracker_and_instant_whatever_the_offset() -> None:
    utc = parse(time="2026-11-20T08:00:00Z")
    berlin = parse(time="2026-11-20T09:00:00+01:00")
    assert utc.key == berlin.key == ("TRK-001", datetime(2026, 11, 20, 8, tzinfo=UTC))
    assert hash(utc.key) == hash(berlin.key)


def test_a_reading_twice_in_a_delivery_is_kept_once_as_first_delivered() -> None:
    first, other = parse(steps=10), parse(time="2026-11-20T08:01:00Z")
    again = parse(time="2026-11-20T09:00:00+01:00", steps=99)  # first's identity
    assert first_of_each([first, other, again, other]) == [first, other]
    assert first_of_each([]) == []


def test_the_wire_form_reads_back_as_the_same_reading() -> None:
    reading = parse(steps=700, latitude=-33.9, longitude=151.2, battery=9)
    assert reading.to_raw() == {
        "time": "2026-11-20T08:00:00Z", "steps": 700,
        "latitude": -33.9, "longitude": 151.2, "battery": 9,
    }  # fmt: skip
    assert parse_reading("TRK-001", reading.to_raw(), NOW) == reading


def test_delivery_reports_add_up() -> None:
    first = DeliveryReport(2, 1, 0, (Rejection(3, "steps", "bad"),))
    second = DeliveryReport(1, 2, 4, (Rejection(1, "time", "bad"),))
    assert first + second == DeliveryReport(
        3, 3, 4, (Rejection(3, "steps", "bad"), Rejection(1, "time", "bad"))
    )
