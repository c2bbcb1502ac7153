"""Instants and calendar days in the owner's time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.clockwork import (
    checked_time_zone,
    format_instant,
    instant_from_key,
    instant_key,
    local_day,
    local_noon,
    parse_day,
    parse_instant,
)
from domain.errors import InvalidInput

LATE_EVENING = datetime(2026, 11, 20, 23, 30, tzinfo=UTC)


def test_a_day_is_the_calendar_day_in_the_owners_time_zone() -> None:
    assert local_day(LATE_EVENING, "Europe/Berlin") == date(2026, 11, 21)
    assert local_day(LATE_EVENING, "UTC") == date(2026, 11, 20)
    assert local_day(datetime(2026, 11, 21, 3, tzinfo=UTC), "America/New_York") == date(
        2026, 11, 20
    )


def test_midnight_belongs_to_the_day_it_starts() -> None:
    assert local_day(datetime(2026, 11, 20, 23, 0, tzinfo=UTC), "Europe/Berlin") == date(
        2026, 11, 21
    )
    assert local_day(datetime(2026, 11, 20, 22, 59, 59, tzinfo=UTC), "Europe/Berlin") == date(
        2026, 11, 20
    )


def test_noon_in_the_owners_time_zone_follows_summer_time() -> None:
    assert local_noon(date(2026, 11, 20), "Europe/Berlin") == datetime(2026, 11, 20, 11, tzinfo=UTC)
    assert local_noon(date(2026, 7, 20), "Europe/Berlin") == datetime(2026, 7, 20, 10, tzinfo=UTC)
    assert local_noon(date(2026, 11, 20), "UTC") == datetime(2026, 11, 20, 12, tzinfo=UTC)


def test_instants_need_an_offset_and_are_kept_in_utc() -> None:
    assert parse_instant("2026-11-20T09:30:00+01:30") == datetime(2026, 11, 20, 8, tzinfo=UTC)
    assert parse_instant("2026-11-20T08:00:00Z").tzinfo is UTC


@pytest.mark.parametrize(
    "text", ["2026-11-20T08:00:00", "2026-11-20 08:00Z", "not a timeT", 0, None]
)
def test_instants_without_an_offset_are_refused(text: object) -> None:
    with pytest.raises(InvalidInput) as error:
        parse_instant(text, "since")
    assert error.value.field == "since"


def test_instants_are_shown_in_utc_with_z() -> None:
    berlin = parse_instant("2026-11-20T09:00:00+01:00")
    assert format_instant(berlin) == "2026-11-20T08:00:00Z"
    assert (
        format_instant(datetime(2026, 11, 20, 8, 0, 0, 500, tzinfo=UTC))
        == "2026-11-20T08:00:00.000500Z"
    )


def test_instant_keys_have_a_fixed_width_and_sort_as_time_does() -> None:
    times = [datetime(2026, 11, 20, 8, 0, 0, 1, tzinfo=UTC), datetime(2026, 11, 20, 8, tzinfo=UTC)]
    keys = [instant_key(t) for t in times]
    assert keys == ["2026-11-20T08:00:00.000001Z", "2026-11-20T08:00:00.000000Z"]
    assert sorted(keys) == [instant_key(t) for t in sorted(times)]


def test_an_instant_key_reads_back_as_the_same_instant_in_utc() -> None:
    berlin = parse_instant("2026-11-20T09:00:00.250000+01:00")
    back = instant_from_key(instant_key(berlin))
    assert back == berlin and back.tzinfo is UTC
    assert instant_from_key("2026-11-20T08:00:00.000000Z") == datetime(2026, 11, 20, 8, tzinfo=UTC)


def test_time_zones_are_iana_names() -> None:
    assert checked_time_zone("Europe/Berlin") == "Europe/Berlin"
    for name in ("Mars/Olympus", "", None, "../etc/passwd"):
        with pytest.raises(InvalidInput) as error:
            checked_time_zone(name)
        assert error.value.field == "time_zone"


def test_days_are_written_yyyy_mm_dd() -> None:
    assert parse_day("2026-11-20") == date(2026, 11, 20)
    for text in ("2026-11-31", "20261120", "2026-11-20T00:00", None):
        with pytest.raises(InvalidInput):
            parse_day(text)
