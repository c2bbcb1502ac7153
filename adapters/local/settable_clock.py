"""A clock that tests and demos set by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from application.ports.clock import Clock


class SettableClock(Clock):
    """Stands still at the instant it was set to, until moved."""

    def __init__(self, now: datetime | None = None) -> None:
        self._now = _utc(now) if now is not None else datetime.now(UTC)

    def now(self) -> datetime:
        return self._now

    def set(self, now: datetime) -> None:
        self._now = _utc(now)

    def advance(self, by: timedelta) -> None:
        self._now += by


def _utc(instant: datetime) -> datetime:
    """An aware instant in UTC; a naive one is refused rather than read as this machine's time."""
    if instant.tzinfo is None:
        raise ValueError("a clock is set to an aware instant, such as 2026-11-21T10:00:00Z")
    return instant.astimezone(UTC)
