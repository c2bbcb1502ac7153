from __future__ import annotations

from datetime import datetime

from features.steps.grammar import action, names, outcome
from features.steps.world import World


@action("it is now {now:instant}")
def it_is_now(world: World, now: datetime) -> None:
    world.driver.set_time(now)


@action('an owner "{name}"')
def an_owner(world: World, name: str) -> None:
    world.driver.add_user(name)


@action('an administrator "{name}"')
def an_administrator(world: World, name: str) -> None:
    world.driver.add_user(name, admin=True)


@action('"{owner}" has a {species} "{pet}" weighing {kg:f} kg')
@action('"{owner}" registers a {species} "{pet}" weighing {kg:f} kg')
def registers_pet(world: World, owner: str, species: str, pet: str, kg: float) -> None:
    world.driver.register_pet(owner, species, pet, kg)
    world.pet_owners[pet] = owner


@action('"{owner}" lives in time zone "{time_zone}"')
def lives_in(world: World, owner: str, time_zone: str) -> None:
    world.driver.set_time_zone(owner, time_zone)
    world.time_zones[owner] = time_zone


@action('"{owner}" sets the daily step goal of "{pet}" to {goal:d}')
def sets_goal(world: World, owner: str, pet: str, goal: int) -> None:
    world.driver.set_step_goal(owner, pet, goal)


@action('tracker "{serial}" is paired with "{pet}"')
def is_paired(world: World, serial: str, pet: str) -> None:
    world.driver.pair_tracker(world.owner_of(pet), serial, pet)
    world.trackers[pet] = serial


@action('"{owner}" tries to pair tracker "{serial}" with "{pet}"')
def tries_to_pair(world: World, owner: str, serial: str, pet: str) -> None:
    world.attempt(lambda: world.driver.pair_tracker(owner, serial, pet))


@outcome('"{owner}" has the pets "{pets}"')
def has_pets(world: World, owner: str, pets: str) -> None:
    assert world.driver.pet_names(owner) == sorted(names(pets))


@outcome('"{owner}" has no pets')
def has_no_pets(world: World, owner: str) -> None:
    assert world.driver.pet_names(owner) == []


@outcome('the daily step goal of "{pet}" is {goal:d}')
def goal_is(world: World, pet: str, goal: int) -> None:
    assert world.driver.step_goal(world.owner_of(pet), pet) == goal


@outcome('"{viewer}" cannot see "{pet}"')
def cannot_see(world: World, viewer: str, pet: str) -> None:
    assert not world.driver.pet_visible(viewer, pet)
    assert world.driver.pet_visible(world.owner_of(pet), pet), "the owner must still see it"


@outcome('"{viewer}" cannot change the daily step goal of "{pet}"')
def cannot_change_goal(world: World, viewer: str, pet: str) -> None:
    before = world.driver.step_goal(world.owner_of(pet), pet)
    world.attempt(lambda: world.driver.set_step_goal(viewer, pet, before + 1))
    assert world.refusal is not None and world.refusal.kind == "not-found"
    assert world.driver.step_goal(world.owner_of(pet), pet) == before


@outcome("the pairing is refused because the tracker is already paired")
def pairing_refused(world: World) -> None:
    assert world.refusal is not None and world.refusal.kind == "conflict"


@outcome('tracker "{serial}" is still paired with "{pet}"')
def still_paired(world: World, serial: str, pet: str) -> None:
    assert world.driver.paired_pet(world.owner_of(pet), serial) == pet


@action('"{pet}" weighed {kg:f} kg on {day:day}')
def weighed_on(world: World, pet: str, kg: float, day: object) -> None:
    world.driver.record_weight(world.owner_of(pet), pet, kg, day)  # type: ignore[arg-type]


@action('"{owner}" records a weight of {kg:f} kg for "{pet}"')
def records_weight(world: World, owner: str, kg: float, pet: str) -> None:
    world.driver.record_weight(owner, pet, kg, None)
