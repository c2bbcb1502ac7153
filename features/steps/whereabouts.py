from __future__ import annotations

from datetime import datetime

from domain.clockwork import format_instant
from features.steps.activity import denied
from features.steps.grammar import action, outcome
from features.steps.world import World


@outcome('"{viewer}" sees "{pet}" last at {latitude:f}, {longitude:f} at {time:instant}')
def sees_last_at(
    world: World, viewer: str, pet: str, latitude: float, longitude: float, time: datetime
) -> None:
    assert world.driver.whereabouts(viewer, pet) == (format_instant(time), latitude, longitude)


@action('"{owner}" sets a safe zone for "{pet}" of {radius:f} m around {latitude:f}, {longitude:f}')
def sets_safe_zone(
    world: World, owner: str, pet: str, radius: float, latitude: float, longitude: float
) -> None:
    world.driver.set_safe_zone(owner, pet, latitude, longitude, radius)


@outcome('"{viewer}" cannot see where "{pet}" is')
def cannot_see_where(world: World, viewer: str, pet: str) -> None:
    assert denied(lambda: world.driver.whereabouts(viewer, pet))
    assert world.driver.whereabouts(world.owner_of(pet), pet), "the owner sees it"
