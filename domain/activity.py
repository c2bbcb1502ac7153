"""Daily activity: steps, distance walked, calories and the length of the GPS track."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

import attrs

from domain.numbers import exact, round_half_away
from domain.pets import Pet
from domain.readings import Position, Reading

EARTH_MEAN_RADIUS_KM = 6371.0088
ACTIVE_KCAL_FACTOR = Decimal("1.1")


@attrs.frozen
class DayTotals:
    """The running totals kept for one pet and day."""

    steps: int = 0
    readings: int = 0


@attrs.frozen
class DailyActivity:
    pet_id: str
    day: date
    steps: int
    walked_km: Decimal
    active_kcal: int
    resting_kcal: int
    tracked_km: Decimal


def walked_km(pet: Pet, steps: int) -> Decimal:
    """In decimal arithmetic, so that an exact half rounds as a person would round it."""
    return steps * exact(pet.species.stride_m) / 1000


def resting_kcal(kg: float) -> int:
    """The veterinary resting energy requirement, 70 x kg^0.75."""
    return int(round_half_away(70 * kg**0.75))


def great_circle_km(a: Position, b: Position) -> float:
    """Haversine distance on a sphere of Earth's mean radius."""
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat, dlon = lat2 - lat1, math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_MEAN_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def track(readings: Iterable[Reading]) -> list[Reading]:
    """The readings that carry a position, in time order whatever order they arrived in."""
    # The tracker breaks ties, so two trackers of one pet give one track whatever the arrival order.
    return sorted(
        (r for r in readings if r.position is not None), key=lambda r: (r.time, r.tracker)
    )


def tracked_km(readings: Iterable[Reading]) -> float:
    points = [r.position for r in track(readings) if r.position is not None]
    return sum(great_circle_km(a, b) for a, b in zip(points, points[1:], strict=False))


def daily_activity(
    pet: Pet, day: date, totals: DayTotals, readings: Iterable[Reading]
) -> DailyActivity:
    kg = pet.latest_weight.kg
    walked = walked_km(pet, totals.steps)
    return DailyActivity(
        pet_id=pet.id,
        day=day,
        steps=totals.steps,
        walked_km=round_half_away(walked, 2),
        active_kcal=int(round_half_away(ACTIVE_KCAL_FACTOR * exact(kg) * walked)),
        resting_kcal=resting_kcal(kg),
        tracked_km=round_half_away(tracked_km(readings), 2),
    )
