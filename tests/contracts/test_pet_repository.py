"""PetRepository: add, get, list by owner, and optimistic versioning on save."""

from __future__ import annotations

import functools
from datetime import date

import pytest

from application.ports.pets import PetRepository
from domain.errors import Conflict, NotFound
from domain.pets import Pet, Species
from domain.readings import Position
from domain.safe_zones import SafeZone

from .concurrency import all_at_once

TODAY = date(2026, 11, 20)


def a_pet(name: str = "Rex", owner_id: str = "owner-1", species: Species = Species.DOG) -> Pet:
    return Pet.register(owner_id, name, species, 24.5, TODAY)


def test_a_stored_pet_comes_back_whole(pets: PetRepository) -> None:
    pet = a_pet().record_weight(date(2026, 11, 1), 23.0).set_step_goal(9000)
    pets.add(pet)
    assert pets.get(pet.id) == pet


def test_an_unknown_pet_is_none(pets: PetRepository) -> None:
    assert pets.get("no-such-pet") is None


def test_adding_a_taken_id_conflicts_and_keeps_the_first(pets: PetRepository) -> None:
    pet = a_pet("Rex")
    pets.add(pet)
    with pytest.raises(Conflict):
        pets.add(Pet(pet.id, "owner-2", "Tom", Species.CAT, pet.weights))
    assert pets.get(pet.id) == pet


def test_an_owner_sees_their_pets_ordered_by_name(pets: PetRepository) -> None:
    for name in ("Rex", "Bella", "Max"):
        pets.add(a_pet(name))
    pets.add(a_pet("Alfie", owner_id="owner-2"))
    assert [p.name for p in pets.of_owner("owner-1")] == ["Bella", "Max", "Rex"]
    assert [p.name for p in pets.of_owner("owner-2")] == ["Alfie"]
    assert pets.of_owner("owner-3") == []


def test_saving_the_next_version_replaces_the_pet(pets: PetRepository) -> None:
    pet = a_pet()
    pets.add(pet)
    changed = pet.record_weight(TODAY, 26.0)
    pets.save(changed)
    assert pets.get(pet.id) == changed
    assert pets.get(pet.id).version == 2  # type: ignore[union-attr]


def test_saving_from_a_stale_version_conflicts(pets: PetRepository) -> None:
    pet = a_pet()
    pets.add(pet)
    first, second = pet.set_step_goal(5000), pet.set_step_goal(6000)
    pets.save(first)
    with pytest.raises(Conflict):
        pets.save(second)
    assert pets.get(pet.id) == first


def test_saving_a_version_that_skips_one_conflicts(pets: PetRepository) -> None:
    pet = a_pet()
    pets.add(pet)
    with pytest.raises(Conflict):
        pets.save(pet.set_step_goal(5000).set_step_goal(6000))
    assert pets.get(pet.id) == pet


def test_saving_a_pet_that_is_gone_is_not_found(pets: PetRepository) -> None:
    with pytest.raises(NotFound):
        pets.save(a_pet().set_step_goal(5000))


def test_of_concurrent_saves_from_one_version_exactly_one_wins(pets: PetRepository) -> None:
    pet = a_pet()
    pets.add(pet)
    goals = list(range(1000, 9000, 1000))

    def save(goal: int) -> str:
        try:
            pets.save(pet.set_step_goal(goal))
        except Conflict:
            return "conflict"
        return "saved"

    outcomes = all_at_once([functools.partial(save, goal) for goal in goals])
    assert sorted(outcomes) == ["conflict"] * (len(goals) - 1) + ["saved"]
    assert pets.get(pet.id).step_goal == goals[outcomes.index("saved")]  # type: ignore[union-attr]


def test_a_removed_pet_is_gone_and_the_others_stay(pets: PetRepository) -> None:
    rex, tom, bello = a_pet("Rex"), a_pet("Tom", species=Species.CAT), a_pet("Bello", "owner-2")
    for pet in (rex, tom, bello):
        pets.add(pet)
    pets.remove(rex.id)
    pets.remove(rex.id)  # again: nothing happens
    pets.remove("no-such-pet")
    assert pets.get(rex.id) is None
    assert pets.of_owner("owner-1") == [tom]
    assert pets.get(bello.id) == bello
    with pytest.raises(NotFound):
        pets.save(rex.set_step_goal(9000))


def test_a_safe_zone_is_kept_moved_and_removed(pets: PetRepository) -> None:
    pet = a_pet()
    pets.add(pet)
    zoned = pet.set_safe_zone(SafeZone(Position(52.52, 13.405), 200.0))
    pets.save(zoned)
    assert pets.get(pet.id) == zoned
    moved = zoned.set_safe_zone(SafeZone(Position(-33.8688, 151.2093), 50_000.0))
    pets.save(moved)
    assert pets.get(pet.id) == moved
    gone = moved.set_safe_zone(None)
    pets.save(gone)
    assert pets.get(pet.id) == gone
    assert pets.of_owner("owner-1") == [gone]
