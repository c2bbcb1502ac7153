"""Recommendations: each code with the features' data and the edges of its rule."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.activity import DayTotals
from domain.pets import Pet, Species
from domain.recommendations import CODES, DEFAULT_TITLES, PetSignals, recommend, the_week_before

from .conftest import NOW

TODAY = date(2026, 11, 21)


def rex(kg: float = 20.0, on: date = TODAY) -> Pet:
    return Pet.register("alice", "Rex", Species.DOG, kg, on)


def week(steps_by_day: dict[int, int]) -> dict[date, DayTotals]:
    """Steps by day of November 2026, one reading each."""
    return {date(2026, 11, day): DayTotals(steps, 1) for day, steps in steps_by_day.items()}


def codes(pet: Pet, days: dict[date, DayTotals] | None = None, **signals: object) -> set[str]:
    return recommend(pet, NOW, days or {}, PetSignals(**signals))  # type: ignore[arg-type]


def test_the_week_is_the_7_complete_days_before_today() -> None:
    assert the_week_before(TODAY) == (date(2026, 11, 14), date(2026, 11, 20))


def test_too_little_exercise_over_the_last_week() -> None:
    assert codes(rex(), week({14: 2000, 16: 3000, 18: 2500, 20: 3500})) == {"more-exercise"}


def test_a_good_week_is_praised() -> None:
    assert codes(rex(), week({18: 8000, 19: 9000, 20: 8500})) == {"great-job"}


def test_too_little_data_gives_no_verdict() -> None:
    assert codes(rex(), week({19: 100, 20: 100})) == set()


def test_exactly_3_days_with_readings_are_enough() -> None:
    assert codes(rex(), week({14: 100, 17: 100, 20: 100})) == {"more-exercise"}


def test_days_with_readings_of_0_steps_count_and_days_without_readings_do_not() -> None:
    days = week({18: 1000, 19: 0, 20: 0})
    assert codes(rex(), days) == {"more-exercise"}
    days[date(2026, 11, 19)] = DayTotals(0, 0)
    assert codes(rex(), days) == set()


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        ((4000, 4000, 4000), set()),  # exactly half the goal
        ((4000, 4000, 3999), {"more-exercise"}),
        ((8000, 8000, 8000), {"great-job"}),  # exactly the goal
        ((8000, 8000, 7999), set()),
        ((5000, 6000, 7000), set()),
    ],
)
def test_the_average_against_half_the_goal_and_the_goal(
    steps: tuple[int, int, int], expected: set[str]
) -> None:
    assert codes(rex(), week(dict(zip((18, 19, 20), steps, strict=True)))) == expected


def test_the_owners_goal_is_the_measure() -> None:
    days = week({18: 5000, 19: 5000, 20: 5000})
    assert codes(rex().set_step_goal(5000), days) == {"great-job"}
    assert codes(rex().set_step_goal(10_001), days) == {"more-exercise"}


@pytest.mark.parametrize(
    ("silence", "offline"),
    [
        (timedelta(hours=48), False),
        (timedelta(hours=48, seconds=1), True),
        (timedelta(hours=49), True),
    ],
)
def test_a_tracker_is_offline_after_48_hours(silence: timedelta, offline: bool) -> None:
    assert ("tracker-offline" in codes(rex(), last_reading_at=NOW - silence)) is offline


def test_a_tracker_that_never_reported_is_not_offline() -> None:
    assert codes(rex()) == set()


@pytest.mark.parametrize(
    ("battery", "low"), [(0, True), (11, True), (14, True), (15, False), (100, False)]
)
def test_charge_the_tracker_below_15_percent(battery: int, low: bool) -> None:
    assert ("charge-tracker" in codes(rex(), last_battery=battery)) is low


def test_the_features_silent_tracker_with_a_low_battery() -> None:
    last = NOW - timedelta(hours=49)
    assert codes(rex(), last_reading_at=last, last_battery=11) == {
        "charge-tracker",
        "tracker-offline",
    }


def test_weight_gain_over_a_month() -> None:
    pet = rex(20.0, date(2026, 10, 15)).record_weight(TODAY, 21.5)
    assert codes(pet) == {"weight-gain"}


@pytest.mark.parametrize(
    ("baseline", "latest", "gained"),
    [
        (20.0, 21.0, False),  # exactly 5%
        (20.0, 21.01, True),
        (20.4, 21.42, False),  # exactly 5%
        (10.0, 10.5, False),  # exactly 5%
        (20.0, 19.0, False),
    ],
)
def test_weight_gain_is_more_than_5_percent(baseline: float, latest: float, gained: bool) -> None:
    pet = rex(baseline, date(2026, 10, 22)).record_weight(TODAY, latest)
    assert ("weight-gain" in codes(pet)) is gained


def test_the_baseline_is_recorded_at_least_30_days_before_the_latest() -> None:
    pet = rex(15.0, date(2026, 10, 23)).record_weight(TODAY, 21.5)  # 29 days before
    assert codes(pet) == set()
    pet = pet.record_weight(date(2026, 10, 22), 20.5)  # 30 days before: 21.5 is within 5%
    assert codes(pet.record_weight(date(2026, 10, 1), 18.0)) == set()
    assert codes(pet.record_weight(date(2026, 10, 22), 20.4)) == {"weight-gain"}


def test_a_single_weight_gives_no_verdict() -> None:
    assert codes(rex(30.0)) == set()


def test_every_code_has_a_default_title() -> None:
    assert CODES == (
        "more-exercise",
        "great-job",
        "tracker-offline",
        "charge-tracker",
        "weight-gain",
    )
    assert all(DEFAULT_TITLES[code].strip() for code in CODES)
