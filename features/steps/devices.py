from __future__ import annotations

from datetime import datetime

from domain.clockwork import format_instant
from features.steps.activity import denied
from features.steps.grammar import action, outcome
from features.steps.world import World


@outcome(
    '"{owner}" sees tracker "{serial}" at {battery:d}% battery, last reported at {time:instant}'
)
def sees_tracker(world: World, owner: str, serial: str, battery: int, time: datetime) -> None:
    assert world.driver.tracker_status(owner, serial) == (battery, format_instant(time))


@action('"{owner}" unpairs tracker "{serial}"')
def unpairs(world: World, owner: str, serial: str) -> None:
    pet = next(pet for pet, paired in world.trackers.items() if paired == serial)
    world.driver.unpair_tracker(owner, pet)


@action('"{owner}" removes the pet "{pet}"')
def removes_pet(world: World, owner: str, pet: str) -> None:
    world.driver.remove_pet(owner, pet)


@action('"{owner}" removes the phone "{phone}"')
def removes_phone(world: World, owner: str, phone: str) -> None:
    world.driver.remove_phone(owner, phone)


@action('"{owner}" asks for an export of their data')
def asks_for_export(world: World, owner: str) -> None:
    world.exports[owner] = world.driver.request_export(owner)


@outcome(
    'the export of "{owner}" holds the pet "{pet}" with {count:d} readings and the phone "{phone}"'
)
def export_holds(world: World, owner: str, pet: str, count: int, phone: str) -> None:
    records = world.driver.export_records(owner, world.exports[owner])
    kinds = [record["type"] for record in records]
    assert kinds[0] == "profile", kinds
    pets = [r for r in records if r["type"] == "pet"]
    assert [p["name"] for p in pets] == [pet]
    readings = [r for r in records if r["type"] == "reading" and r["pet_id"] == pets[0]["id"]]
    assert len(readings) == count
    assert [r["name"] for r in records if r["type"] == "phone"] == [phone]


@outcome('nobody but "{owner}" gets a link to the export')
def nobody_else_gets_export(world: World, owner: str) -> None:
    export_id = world.exports[owner]
    world.driver.add_user("a-stranger")
    assert denied(lambda: world.driver.export_records("a-stranger", export_id))
    assert world.driver.export_records(owner, export_id)
