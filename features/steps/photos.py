from __future__ import annotations

import os

from features.steps.grammar import action, outcome
from features.steps.world import World
from tests.support.drivers.base import Refused


@action('"{owner}" uploads a photo of "{pet}"')
def uploads_photo(world: World, owner: str, pet: str) -> None:
    photo = b"\xff\xd8\xff\xe0" + os.urandom(2048)
    world.driver.upload_photo(owner, pet, photo)
    world.photos[pet] = photo


@outcome('"{owner}" downloads the same photo of "{pet}"')
def downloads_photo(world: World, owner: str, pet: str) -> None:
    assert world.driver.download_photo(owner, pet) == world.photos[pet]


@outcome('"{viewer}" cannot get a link to the photo of "{pet}"')
def cannot_get_photo(world: World, viewer: str, pet: str) -> None:
    try:
        world.driver.download_photo(viewer, pet)
    except Refused as refusal:
        assert refusal.kind == "not-found"
    else:
        raise AssertionError(f"{viewer} got the photo of {pet}")
