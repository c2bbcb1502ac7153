"""Daily activity: walked km, calories and the length of the GPS track, with the features' numbers."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.activity import (
    DayTotals,
    daily_activity,
    great_circle_km,
    resting_kcal,
    track,
    tracked_km,
    walked_km,
)
from domain.pets import Pet, Species
from domain.readings import Position, Reading

DAY = date(2026, 11, 20)
MORNING = datetime(2026, 11, 20, 8, tzinfo=UTC)
FEATURE_TRACK = [
    Reading("TRK-001", MORNING, 0, Position(52.5200, 13.4050)),
    Reading("TRK-001", MORNING + timedelta(minutes=20), 900, Position(52.5290, 13.4198)),
    Reading("TRK-001", MORNING + timedelta(minutes=10), 800, Position(52.5290, 13.4050)),
]


def pet(species: str = "dog", kg: float = 20) -> Pet:
    return Pet.register("alice", "Rex", Species(species), kg, DAY)


def test_the_features_2000_steps_of_a_20_kg_dog() -> None:
    activity = daily_activity(pet(), DAY, DayTotals(2000, 1), [])
    assert activity.steps == 2000
    assert activity.walked_km == Decimal("0.80")
    assert str(activity.walked_km) == "0.80"
    assert activity.active_kcal == 18
    assert activity.resting_kcal == 662
    assert activity.tracked_km == Decimal("0.00")


def test_a_cats_stride_is_half_a_dogs() -> None:
    assert walked_km(pet("dog"), 2000) == Decimal("0.8")
    assert walked_km(pet("cat"), 2000) == Decimal("0.4")
    assert daily_activity(pet("cat", 4), DAY, DayTotals(25, 1), []).walked_km == Decimal("0.01")


@pytest.mark.parametrize(("kg", "kcal"), [(20, 662), (21.5, 699), (4, 198), (30, 897), (1, 70)])
def test_resting_kcal_is_70_times_weight_to_the_three_quarters(kg: float, kcal: int) -> None:
    assert resting_kcal(kg) == kcal


def test_resting_kcal_uses_the_latest_recorded_weight() -> None:
    heavier = pet().record_weight(DAY + timedelta(days=1), 21.5)
    assert daily_activity(heavier, DAY, DayTotals(), []).resting_kcal == 699


@pytest.mark.parametrize(
    ("kg", "steps", "kcal"),
    [
        (20, 625, 6),  # 1.1 x 20 x 0.25 km = 5.5
        (75, 3500, 116),  # 1.1 x 75 x 1.4 km = 115.5
        (37.5, 7000, 116),  # 1.1 x 37.5 x 2.8 km = 115.5
        (150, 5750, 380),  # 1.1 x 150 x 2.3 km = 379.5
    ],
)
def test_active_kcal_rounds_an_exact_half_up(kg: float, steps: int, kcal: int) -> None:
    assert daily_activity(pet(kg=kg), DAY, DayTotals(steps, 1), []).active_kcal == kcal


def test_the_features_gps_track_measures_2_km_in_time_order() -> None:
    activity = daily_activity(pet(), DAY, DayTotals(1700, 3), FEATURE_TRACK)
    assert activity.tracked_km == Decimal("2.00")
    assert [r.steps for r in track(FEATURE_TRACK)] == [0, 800, 900]


def test_arrival_order_would_give_a_longer_track() -> None:
    in_arrival_order = sum(
        great_circle_km(a.position, b.position)  # type: ignore[arg-type]
        for a, b in zip(FEATURE_TRACK, FEATURE_TRACK[1:], strict=False)
    )
    assert round(in_arrival_order, 2) != 2.00
    assert round(tracked_km(FEATURE_TRACK), 2) == 2.00


def test_readings_without_position_are_not_part_of_the_track() -> None:
    readings = [*FEATURE_TRACK, Reading("TRK-001", MORNING + timedelta(minutes=5), 50)]
    assert len(track(readings)) == 3
    assert tracked_km(readings) == tracked_km(FEATURE_TRACK)
    assert tracked_km(FEATURE_TRACK[:1]) == 0
    assert tracked_km([]) == 0


def test_a_degree_of_latitude_on_earths_mean_radius() -> None:
    km = great_circle_km(Position(0, 0), Position(1, 0))
    assert km == pytest.approx(6371.0088 * math.pi / 180, abs=1e-9)
    assert great_circle_km(Position(0, 0), Position(0, 180)) == pytest.approx(6371.0088 * math.pi)


def test_readings_of_two_trackers_at_the_same_instant_give_one_track_length() -> None:
    first = Reading("TRK-001", MORNING, 0, Position(52.50, 13.40))
    second = Reading("TRK-002", MORNING, 0, Position(52.60, 13.40))
    later = Reading("TRK-001", MORNING + timedelta(minutes=1), 0, Position(52.50, 13.50))
    assert tracked_km([first, second, later]) == tracked_km([second, first, later])


positions = st.builds(
    Position,
    st.floats(-90, 90, allow_nan=False),
    st.floats(-180, 180, allow_nan=False),
)


@st.composite
def tracks(draw: st.DrawFn) -> list[Reading]:
    seconds = draw(st.lists(st.integers(0, 86_399), unique=True, max_size=12))
    return [
        Reading(
            "TRK-001", datetime(2026, 11, 20, tzinfo=UTC) + timedelta(seconds=s), 0, draw(positions)
        )
        for s in seconds
    ]


@given(st.data(), tracks())
def test_tracked_km_does_not_depend_on_arrival_order(
    data: st.DataObject, readings: list[Reading]
) -> None:
    shuffled = data.draw(st.permutations(readings))
    assert tracked_km(shuffled) == tracked_km(readings)
    assert track(shuffled) == sorted(readings, key=lambda r: r.time)
