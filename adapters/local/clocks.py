"""Clocks: the system's, and one that tests and demos set by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from application.ports.clock import Clock


class SystemClock(Clock):
    def now(self) -> datetime:
        return datetime.now(UTC)


class SettableClock(Clock):
    """Stands still at the instant it was set to, until moved."""

    def __init__(self, now: datetime | None = None) -> None:
        self._now = now or datetime.now(UTC)

    def now(self) -> datetime:
        return self._now

    def set(self, now: datetime) -> None:
        self._now = now.astimezone(UTC)

    def advance(self, by: timedelta) -> None:
        self._now += by
