"""Health recommendations from a pet's recent days, battery and weight."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal

import attrs

from domain.activity import DayTotals
from domain.numbers import exact
from domain.pets import Pet

WEEK = 7
MIN_DAYS_WITH_DATA = 3
OFFLINE_AFTER = timedelta(hours=48)
WEIGHT_GAIN_RATIO = Decimal("1.05")
WEIGHT_BASELINE_AGE = timedelta(days=30)
LOW_BATTERY_PERCENT = 15


class Advice(enum.StrEnum):
    """A recommendation's code: what the CMS tags its articles with, and what clients show."""

    MORE_EXERCISE = "more-exercise"
    GREAT_JOB = "great-job"
    TRACKER_OFFLINE = "tracker-offline"
    CHARGE_TRACKER = "charge-tracker"
    WEIGHT_GAIN = "weight-gain"


DEFAULT_TITLES = {
    Advice.MORE_EXERCISE: "Time for more exercise",
    Advice.GREAT_JOB: "Great job this week",
    Advice.TRACKER_OFFLINE: "The tracker has gone quiet",
    Advice.CHARGE_TRACKER: "Charge the tracker",
    Advice.WEIGHT_GAIN: "Keep an eye on the weight",
}
CODES = tuple(Advice)


@attrs.frozen
class PetSignals:
    """The latest things a pet's trackers reported."""

    last_reading_at: datetime | None = None
    last_battery: int | None = None


@attrs.frozen
class Recommendation:
    code: Advice
    title: str


def the_week_before(today: date) -> tuple[date, date]:
    """The 7 complete days before today: (first, last)."""
    return today - timedelta(days=WEEK), today - timedelta(days=1)


def recommend(
    pet: Pet, now: datetime, week: Mapping[date, DayTotals], signals: PetSignals
) -> set[Advice]:
    """The codes that apply. `week` holds the days of the week before today that have readings."""
    codes = _exercise(pet, week)
    if signals.last_reading_at is not None and now - signals.last_reading_at > OFFLINE_AFTER:
        codes.add(Advice.TRACKER_OFFLINE)
    if signals.last_battery is not None and signals.last_battery < LOW_BATTERY_PERCENT:
        codes.add(Advice.CHARGE_TRACKER)
    if _gained_weight(pet):
        codes.add(Advice.WEIGHT_GAIN)
    return codes


def _exercise(pet: Pet, week: Mapping[date, DayTotals]) -> set[Advice]:
    days = [totals for totals in week.values() if totals.readings > 0]
    if len(days) < MIN_DAYS_WITH_DATA:
        return set()
    average = sum(totals.steps for totals in days) / len(days)
    if average < pet.daily_step_goal / 2:
        return {Advice.MORE_EXERCISE}
    if average >= pet.daily_step_goal:
        return {Advice.GREAT_JOB}
    return set()


def _gained_weight(pet: Pet) -> bool:
    latest = pet.latest_weight
    baseline = pet.weight_recorded_by(latest.day - WEIGHT_BASELINE_AGE)
    return baseline is not None and exact(latest.kg) > exact(baseline.kg) * WEIGHT_GAIN_RATIO
