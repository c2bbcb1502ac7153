from __future__ import annotations

from features.steps.grammar import action, names, outcome
from features.steps.world import World


@action('the app "{app}" is registered')
def app_registered(world: World, app: str) -> None:
    world.driver.register_app(app)


@action('"{owner}" grants "{app}" access to "{scopes}"')
def grants(world: World, owner: str, app: str, scopes: str) -> None:
    world.driver.grant(owner, app, names(scopes))


@action('"{owner}" revokes the access of "{app}"')
def revokes(world: World, owner: str, app: str) -> None:
    world.driver.revoke(owner, app)


@outcome('"{owner}" sees no app with access')
def sees_no_app(world: World, owner: str) -> None:
    assert world.driver.grants(owner) == {}


@outcome('"{owner}" sees that "{app}" may use "{scopes}"')
def sees_app_scopes(world: World, owner: str, app: str, scopes: str) -> None:
    assert world.driver.grants(owner) == {app: sorted(names(scopes))}
