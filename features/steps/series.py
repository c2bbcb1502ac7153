from __future__ import annotations

from datetime import date

from features.steps.activity import denied
from features.steps.grammar import action, outcome
from features.steps.world import World


def listed(text: str) -> list[int]:
    return [int(part) for part in text.split(",")]


@outcome('"{viewer}" sees the daily steps of "{pet}" from {first:day} to {last:day} as "{steps}"')
def sees_daily(world: World, viewer: str, pet: str, first: date, last: date, steps: str) -> None:
    assert world.driver.daily_steps(viewer, pet, first, last) == listed(steps)


@outcome(
    '"{app}" acting for "{owner}" sees the daily steps of "{pet}" from {first:day} to {last:day} as "{steps}"'
)
def app_sees_daily(
    world: World, app: str, owner: str, pet: str, first: date, last: date, steps: str
) -> None:
    assert world.driver.daily_steps(owner, pet, first, last, app=app) == listed(steps)


@outcome('"{viewer}" cannot see the daily steps of "{pet}" from {first:day} to {last:day}')
def cannot_see_daily(world: World, viewer: str, pet: str, first: date, last: date) -> None:
    assert denied(lambda: world.driver.daily_steps(viewer, pet, first, last))
    assert world.driver.daily_steps(world.owner_of(pet), pet, first, last), "the owner sees them"


@action('"{viewer}" asks for the daily steps of "{pet}" from {first:day} to {last:day}')
def asks_daily(world: World, viewer: str, pet: str, first: date, last: date) -> None:
    world.attempt(lambda: world.driver.daily_steps(viewer, pet, first, last))


@outcome(
    '"{viewer}" sees the hourly steps of "{pet}" on {day:day} with {first:d} at {first_hour}, '
    "{second:d} at {second_hour} and 0 in the other {others:d} hours"
)
def sees_hourly(
    world: World,
    viewer: str,
    pet: str,
    day: date,
    first: int,
    first_hour: str,
    second: int,
    second_hour: str,
    others: int,
) -> None:
    hours = world.driver.hourly_steps(viewer, pet, day)
    assert len(hours) == others + 2
    expected = {first_hour: first, second_hour: second}
    assert {hour: steps for hour, steps in hours if steps} == expected
    assert [hour for hour, _ in hours][:3] == ["00:00", "01:00", "02:00"]
