from __future__ import annotations

from datetime import date

from features.steps.grammar import action, outcome
from features.steps.world import World
from tests.support.drivers.base import Refused


@action('"{owner}" deletes their account')
def deletes_account(world: World, owner: str) -> None:
    world.driver.delete_account(owner)


@action('"{app}" acting for "{owner}" has read the activity of "{pet}" on {day:day}')
def app_has_read(world: World, app: str, owner: str, pet: str, day: date) -> None:
    world.driver.activity(owner, pet, day, app=app)


@outcome('"{app}" acting for "{owner}" sees nothing of "{pet}" on {day:day}')
def app_sees_nothing(world: World, app: str, owner: str, pet: str, day: date) -> None:
    driver = world.driver
    assert not driver.pet_visible(owner, pet, app=app)
    for read in (driver.activity, driver.locations):
        try:
            read(owner, pet, day, app)
        except Refused:
            continue
        raise AssertionError(f"{app} read {read.__name__} of {pet}")


@outcome('the token "{owner}" held is refused')
def old_token_refused(world: World, owner: str) -> None:
    assert world.driver.old_token_refused(owner)


@outcome('nothing of "{owner}" is left in any store')
def nothing_left(world: World, owner: str) -> None:
    assert world.driver.traces(owner) == {}
