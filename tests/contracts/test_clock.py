"""Clock: the current instant, timezone-aware and in UTC; the settable one moves only when told."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from adapters.local.settable_clock import SettableClock
from adapters.system_clock import SystemClock
from application.ports.clock import Clock

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def test_now_is_timezone_aware_utc(clock: Clock) -> None:
    now = clock.now()
    assert now.tzinfo is not None
    assert now.utcoffset() == timedelta(0)
    assert now.tzname() == "UTC"


def test_the_system_clock_tells_the_time() -> None:
    assert abs(SystemClock().now() - datetime.now(UTC)) < timedelta(seconds=1)


def test_the_system_clock_moves_on() -> None:
    clock, deadline = SystemClock(), time.monotonic() + 1
    first = clock.now()
    while clock.now() == first and time.monotonic() < deadline:
        pass
    assert clock.now() > first


def test_a_settable_clock_stands_still_until_moved() -> None:
    clock = SettableClock(START)
    assert clock.now() == START
    time.sleep(0.01)
    assert clock.now() == START


def test_a_settable_clock_moves_by_what_it_is_advanced() -> None:
    clock = SettableClock(START)
    clock.advance(timedelta(hours=25, seconds=1))
    assert clock.now() == datetime(2026, 11, 21, 9, 0, 1, tzinfo=UTC)
    assert clock.now().utcoffset() == timedelta(0)


def test_a_settable_clock_set_to_a_local_time_tells_it_in_utc() -> None:
    clock = SettableClock(START)
    clock.set(datetime(2026, 11, 20, 10, 30, tzinfo=BERLIN))
    assert clock.now() == datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    assert clock.now().tzname() == "UTC"


def test_a_settable_clock_started_at_a_local_time_tells_it_in_utc() -> None:
    clock = SettableClock(datetime(2026, 11, 20, 10, 30, tzinfo=BERLIN))
    assert clock.now() == datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    assert clock.now().tzname() == "UTC"


def test_a_settable_clock_started_without_an_instant_starts_at_the_system_time() -> None:
    clock = SettableClock()
    assert abs(clock.now() - datetime.now(UTC)) < timedelta(seconds=1)
    assert clock.now().tzname() == "UTC"
