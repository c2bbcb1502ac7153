from __future__ import annotations

from features.steps.grammar import names, outcome
from features.steps.world import World
from tests.support.drivers.base import Refused


@outcome('"{viewer}" sees the users "{users}"')
def sees_users(world: World, viewer: str, users: str) -> None:
    assert world.driver.user_names(viewer) == sorted(names(users))


@outcome('"{viewer}" is denied the user list')
def denied_users(world: World, viewer: str) -> None:
    try:
        world.driver.user_names(viewer)
    except Refused as refusal:
        assert refusal.kind == "forbidden"
    else:
        raise AssertionError(f"{viewer} got the user list")
