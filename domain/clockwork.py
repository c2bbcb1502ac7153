"""Instants and calendar days: canonical formats and the owner's local day."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from domain.errors import InvalidInput

DEFAULT_TIME_ZONE = "UTC"
# What `instant_key` writes, for reading it back.
INSTANT_KEY_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def parse_instant(text: object, field: str = "time") -> datetime:
    """An ISO 8601 date-time with an offset, as an aware UTC datetime."""
    if not isinstance(text, str) or "T" not in text:
        raise InvalidInput(field, f"{field} must be an ISO 8601 date-time with an offset")
    try:
        value = datetime.fromisoformat(text)
    except ValueError as error:
        raise InvalidInput(field, f"{field} is not an ISO 8601 date-time") from error
    if value.tzinfo is None:
        raise InvalidInput(field, f"{field} must carry an offset such as Z or +01:00")
    return value.astimezone(UTC)


def format_instant(value: datetime) -> str:
    """Seconds precision when there is no fraction, `Z` for UTC: 2026-11-20T08:00:00Z."""
    text = value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return text


def instant_key(value: datetime) -> str:
    """Fixed width, so that keys sort as time does: 2026-11-20T08:00:00.000000Z."""
    # isoformat is several times faster than strftime, and every reading's identity uses it.
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.isoformat(timespec="microseconds")[:-6] + "Z"


def instant_from_key(key: str) -> datetime:
    """The inverse of `instant_key`: an aware UTC datetime. Stores keep instants as keys."""
    return datetime.strptime(key, INSTANT_KEY_FORMAT).replace(tzinfo=UTC)


def checked_time_zone(name: object) -> str:
    """An IANA time zone name, such as Europe/Berlin."""
    if not isinstance(name, str) or not name:
        raise InvalidInput("time_zone", "time_zone must be an IANA time zone name")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise InvalidInput("time_zone", f"unknown time zone {name!r}") from error
    return name


def local_day(instant: datetime, time_zone: str) -> date:
    """The calendar day that `instant` falls on in `time_zone`."""
    if time_zone == DEFAULT_TIME_ZONE and instant.tzinfo is UTC:
        return instant.date()
    return instant.astimezone(ZoneInfo(time_zone)).date()


def hour_of_day(instant: datetime, time_zone: str) -> int:
    """The hour of the owner's clock that `instant` falls in, counted from the local day's start
    (0 to 22, 23 or 24: days when the clocks change have 23 or 25 hours)."""
    zone = ZoneInfo(time_zone)
    day = instant.astimezone(zone).date()
    start = datetime(day.year, day.month, day.day, tzinfo=zone).astimezone(UTC)
    return max(0, min(24, int((instant - start).total_seconds() // 3600)))


def local_noon(day: date, time_zone: str) -> datetime:
    """12:00 of `day` in `time_zone`, as UTC."""
    return datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo(time_zone)).astimezone(UTC)


def parse_day(text: object, field: str = "day") -> date:
    """A calendar day, YYYY-MM-DD."""
    if not isinstance(text, str) or len(text) != 10:
        raise InvalidInput(field, f"{field} must be a date YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise InvalidInput(field, f"{field} must be a date YYYY-MM-DD") from error


def known_time_zones() -> set[str]:
    return available_timezones()
