"""Pets: species rules, goals, and a weight history of one record per day."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import InvalidInput
from domain.pets import Pet, Species, WeightRecord, checked_goal, checked_name, checked_weight

TODAY = date(2026, 11, 21)


def rex() -> Pet:
    return Pet.register("alice", "Rex", Species.DOG, 20.0, TODAY)


def test_a_registered_pet_has_todays_weight_and_its_species_goal() -> None:
    dog, cat = rex(), Pet.register("alice", "Mia", Species.CAT, 4.0, TODAY)
    assert dog.weights == (WeightRecord(TODAY, 20.0),)
    assert (dog.daily_step_goal, cat.daily_step_goal) == (8000, 3000)
    assert (dog.step_goal, dog.version, dog.owner_id) == (None, 1, "alice")


def test_registered_pets_get_distinct_ids() -> None:
    assert rex().id != rex().id


def test_an_owner_sets_another_goal() -> None:
    changed = rex().set_step_goal(5000)
    assert (changed.daily_step_goal, changed.version) == (5000, 2)


def test_a_new_record_for_a_day_replaces_that_days_record() -> None:
    pet = rex().record_weight(TODAY, 21.5)
    assert pet.weights == (WeightRecord(TODAY, 21.5),)
    assert pet.version == 2


def test_records_are_kept_in_day_order_whatever_order_they_are_made() -> None:
    pet = rex().record_weight(date(2026, 10, 15), 19.0).record_weight(date(2026, 11, 1), 19.5)
    assert [record.day for record in pet.weights] == [
        date(2026, 10, 15),
        date(2026, 11, 1),
        TODAY,
    ]
    assert pet.latest_weight == WeightRecord(TODAY, 20.0)


def test_the_weight_recorded_by_a_day_is_the_latest_on_or_before_it() -> None:
    pet = rex().record_weight(date(2026, 10, 15), 19.0)
    assert pet.weight_recorded_by(date(2026, 10, 15)) == WeightRecord(date(2026, 10, 15), 19.0)
    assert pet.weight_recorded_by(date(2026, 11, 20)) == WeightRecord(date(2026, 10, 15), 19.0)
    assert pet.weight_recorded_by(TODAY) == WeightRecord(TODAY, 20.0)
    assert pet.weight_recorded_by(date(2026, 10, 14)) is None


@pytest.mark.parametrize(("value", "field"), [("dog", Species.DOG), ("cat", Species.CAT)])
def test_species_are_dogs_and_cats(value: str, field: Species) -> None:
    assert Species.parse(value) is field


@pytest.mark.parametrize("value", ["hamster", "Dog", "", None])
def test_other_species_are_refused(value: object) -> None:
    with pytest.raises(InvalidInput) as error:
        Species.parse(value)
    assert error.value.field == "species"


@pytest.mark.parametrize("kg", [0.1, 20, 21.5, 150])
def test_weights_above_0_up_to_150_kg_are_accepted(kg: float) -> None:
    assert checked_weight(kg) == float(kg)


@pytest.mark.parametrize(
    "kg",
    [
        0,
        -1,
        150.01,
        pytest.param(10**400, id="huge-int"),
        True,
        "20",
        float("nan"),
        float("inf"),
        None,
    ],
)
def test_other_weights_are_refused(kg: object) -> None:
    with pytest.raises(InvalidInput) as error:
        checked_weight(kg)
    assert error.value.field == "weight_kg"


@pytest.mark.parametrize("goal", [1, 5000, 100_000])
def test_goals_from_1_to_100000_are_accepted(goal: int) -> None:
    assert checked_goal(goal) == goal


@pytest.mark.parametrize("goal", [0, -1, 100_001, 5000.0, True, "5000"])
def test_other_goals_are_refused(goal: object) -> None:
    with pytest.raises(InvalidInput) as error:
        checked_goal(goal)
    assert error.value.field == "daily_step_goal"


def test_names_are_trimmed_and_at_most_60_characters() -> None:
    assert checked_name("  Rex ") == "Rex"
    assert checked_name("R" * 60) == "R" * 60
    for name in ("", "   ", "R" * 61, None):
        with pytest.raises(InvalidInput):
            checked_name(name)
