"""Leaving a safe zone, judged in the intake: by the pet's newest position before a delivery
and the positions the delivery brings, announced once per excursion (the announcement log's
claim of `zone:<pet>:<time it left>`)."""

from __future__ import annotations

from collections.abc import Iterable

from application.ports.activity import ActivityLedger
from domain.announcements import FIRST_POSITION, LeftSafeZone
from domain.clockwork import format_instant
from domain.readings import Reading
from domain.safe_zones import Whereabouts, departures
from domain.trackers import Counting, Tracker


class ZoneWatch:
    """What one tracker's deliveries of a batch tell about its pet's safe zone."""

    def __init__(self, ledger: ActivityLedger, tracker: Tracker, counting: Counting) -> None:
        self._tracker, self._counting = tracker, counting
        self._before: Whereabouts | None = None
        self._watching = counting.safe_zone is not None
        self._ledger = ledger

    def look_before(self, readings: Iterable[Reading]) -> None:
        """Read where the pet was before the delivery is recorded (one read, only when the pet
        has a safe zone and the delivery brings a position)."""
        self._watching = self._watching and any(r.position is not None for r in readings)
        if self._watching:
            self._before = self._ledger.whereabouts(self._tracker.pet_id)

    def departures(self, readings: Iterable[Reading]) -> list[LeftSafeZone]:
        """The excursions the delivery's readings (conflicts left out) began. A delivery that
        comes again (the newest position known is one of its own) is judged from its own first
        position: its first run may have failed before announcing, and the claims keep what it
        announced from being announced twice."""
        zone = self._counting.safe_zone
        if not self._watching or zone is None:
            return []
        positions = sorted(
            (Whereabouts(r.time, r.position) for r in readings if r.position is not None),
            key=lambda where: where.time,
        )
        before = self._before
        if positions and before is not None and before in positions:
            before = positions[0]
        known = sorted(
            {*(() if before is None else (before,)), *positions}, key=lambda where: where.time
        )
        previous = {later: earlier for earlier, later in zip(known, known[1:], strict=False)}
        return [
            self._left(where, previous.get(where)) for where in departures(zone, before, positions)
        ]

    def _left(self, where: Whereabouts, inside: Whereabouts | None) -> LeftSafeZone:
        """Leaving at `where`, from the position before it (inside the zone), if any."""
        tracker, name = self._tracker, self._counting.pet_name
        inside_at = FIRST_POSITION if inside is None else format_instant(inside.time)
        left_at = format_instant(where.time)
        return LeftSafeZone(tracker.owner_id, tracker.pet_id, name, left_at, inside_at)
