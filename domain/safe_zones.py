"""Where a pet is, and the safe zone an owner draws around a place: leaving it is announced
once per excursion."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import attrs

from domain.activity import great_circle_km
from domain.errors import InvalidInput
from domain.numbers import is_number
from domain.readings import Position, checked_position

MIN_RADIUS_M = 50
MAX_RADIUS_M = 50_000


@attrs.frozen
class Whereabouts:
    """The position of a pet's newest reading that has one, and that reading's time."""

    time: datetime
    position: Position


@attrs.frozen
class SafeZone:
    """A circle around a place, `radius_m` metres (50 m to 50 km)."""

    centre: Position
    radius_m: float

    @classmethod
    def checked(cls, latitude: object, longitude: object, radius_m: object) -> SafeZone:
        if not is_number(radius_m) or not MIN_RADIUS_M <= radius_m <= MAX_RADIUS_M:
            raise InvalidInput(
                "radius_m", f"radius_m must be {MIN_RADIUS_M} to {MAX_RADIUS_M} metres"
            )
        return cls(checked_position(latitude, longitude), float(radius_m))

    def holds(self, position: Position) -> bool:
        return great_circle_km(self.centre, position) * 1000 <= self.radius_m


def departures(
    zone: SafeZone, before: Whereabouts | None, positions: Iterable[Whereabouts]
) -> list[Whereabouts]:
    """The positions at which the pet left the zone: each one outside whose predecessor (in time)
    was inside. `before` is the newest position known before these: those not newer than it move
    nothing; with none before, a first position outside counts as leaving."""
    inside = None if before is None else zone.holds(before.position)
    left = []
    for where in sorted(positions, key=lambda w: w.time):
        if before is not None and where.time <= before.time:
            continue
        now_inside = zone.holds(where.position)
        if not now_inside and inside is not False:
            left.append(where)
        inside = now_inside
    return left
