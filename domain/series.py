"""Steps over a range of days, and one day by the hours of the owner's clock."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import attrs

from domain.activity import DayTotals
from domain.clockwork import hour_of_day
from domain.errors import InvalidInput
from domain.readings import Reading

MAX_SERIES_DAYS = 92


@attrs.frozen
class DaySteps:
    day: date
    steps: int


@attrs.frozen
class HourSteps:
    """One hour of the owner's clock: `start` is aware, in the owner's zone (two hours of a day
    the clocks go back read alike but for their offset)."""

    start: datetime
    steps: int


def checked_range(first: date, last: date) -> int:
    """The number of days from `first` to `last` inclusive: 1 to 92, else InvalidInput."""
    if last < first:
        raise InvalidInput("to", "to must be on or after from")
    days = (last - first).days + 1
    if days > MAX_SERIES_DAYS:
        raise InvalidInput("to", f"a series holds at most {MAX_SERIES_DAYS} days")
    return days


def daily_steps(first: date, last: date, totals: Mapping[date, DayTotals]) -> list[DaySteps]:
    """One value per day from `first` to `last` inclusive, 0 where nothing was read."""
    days = (first + timedelta(days=n) for n in range(checked_range(first, last)))
    return [DaySteps(day, totals[day].steps if day in totals else 0) for day in days]


def hours_of(day: date, time_zone: str) -> list[datetime]:
    """The starts of the day's hours on the owner's clock: 24, or 23 or 25 when clocks change."""
    zone = ZoneInfo(time_zone)
    start = datetime(day.year, day.month, day.day, tzinfo=zone).astimezone(UTC)
    following = day + timedelta(days=1)
    end = datetime(following.year, following.month, following.day, tzinfo=zone).astimezone(UTC)
    count = int((end - start).total_seconds() // 3600)
    return [(start + timedelta(hours=n)).astimezone(zone) for n in range(count)]


def hourly_steps(day: date, time_zone: str, readings: Iterable[Reading]) -> list[HourSteps]:
    """The day's steps by hour of the owner's clock, 0 where nothing was read. A reading
    counted on this day under another zone (the owner moved) lands in the nearest hour."""
    starts = hours_of(day, time_zone)
    steps = [0] * len(starts)
    for reading in readings:
        steps[min(hour_of_day(reading.time, time_zone), len(starts) - 1)] += reading.steps
    return [HourSteps(start, count) for start, count in zip(starts, steps, strict=True)]
