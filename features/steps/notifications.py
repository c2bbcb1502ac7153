from __future__ import annotations

from datetime import date

from features.steps.grammar import action, outcome
from features.steps.world import World


@action('"{owner}" has registered an "{platform}" phone "{phone}"')
@action('"{owner}" registers an "{platform}" phone "{phone}"')
def registers_phone(world: World, owner: str, platform: str, phone: str) -> None:
    world.driver.register_phone(owner, platform, phone)


@outcome('phone "{phone}" receives "{text}" once')
def receives_once(world: World, phone: str, text: str) -> None:
    assert world.driver.received_notifications(phone).count(text) == 1


@outcome('phone "{phone}" receives no notification')
def receives_nothing(world: World, phone: str) -> None:
    assert world.driver.received_notifications(phone) == []


@outcome('phone "{phone}" receives {count:d} notifications')
def receives_count(world: World, phone: str, count: int) -> None:
    assert len(world.driver.received_notifications(phone)) == count


@action('"{owner}" is connected for live updates')
def connected_live(world: World, owner: str) -> None:
    world.driver.connect_live(owner)


@outcome('"{owner}" receives a live update for "{pet}" with {steps:d} steps on {day:day}')
def receives_live_update(world: World, owner: str, pet: str, steps: int, day: date) -> None:
    updates = world.driver.live_updates(owner, expected=1)
    found = [(u["type"], u["day"], u["steps"]) for u in updates]
    assert ("activity-updated", day.isoformat(), steps) in found
    assert world.driver.pet_visible(owner, pet)


@outcome('"{owner}" receives no live update')
def receives_no_live_update(world: World, owner: str) -> None:
    assert world.driver.live_updates(owner, expected=0) == []
