"""Steps of the app platform: registration requests, OAuth connections, subscriptions, limits."""

from __future__ import annotations

from datetime import date, timedelta

from features.steps.grammar import action, names, outcome
from features.steps.world import World
from tests.support.drivers.base import Refused


@action('a developer asks to register the app "{app}" redirecting to "{uri}"')
def asks_to_register(world: World, app: str, uri: str) -> None:
    world.driver.request_app(app, uri)


@outcome('the app "{app}" is pending approval')
def is_pending(world: World, app: str) -> None:
    assert world.driver.app_request_state(app) == "pending"


@outcome('the app "{app}" is registered')
def is_registered(world: World, app: str) -> None:
    assert world.driver.app_request_state(app) == "registered"


@outcome('the app "{app}" is refused')
def is_refused(world: World, app: str) -> None:
    assert world.driver.app_request_state(app) == "refused"


@action('"{admin}" approves the app "{app}"')
def approves(world: World, admin: str, app: str) -> None:
    world.driver.decide_app(admin, app, approve=True)


@outcome('"{user}" cannot approve the app "{app}"')
def cannot_approve(world: World, user: str, app: str) -> None:
    try:
        world.driver.decide_app(user, app, approve=True)
    except Refused as refusal:
        assert refusal.kind == "forbidden", refusal
    else:
        raise AssertionError(f"{user} approved {app}")


@action("{days:d} days pass")
def days_pass(world: World, days: int) -> None:
    world.driver.set_time(world.driver.now() + timedelta(days=days))


@action('the app "{app}" is registered with a limit of {limit:d} requests a minute')
def registered_with_limit(world: World, app: str, limit: int) -> None:
    world.driver.register_app(app, limit=limit)


@action('"{owner}" connects "{app}" allowing "{scopes}"')
def connects(world: World, owner: str, app: str, scopes: str) -> None:
    world.driver.connect(owner, app, names(scopes))


@outcome("exchanging the same code again is refused")
def same_code_refused(world: World) -> None:
    assert world.driver.exchange_last_code_again() == "invalid_grant"


@outcome("exchanging a new code with a wrong verifier is refused")
def wrong_verifier_refused(world: World) -> None:
    assert world.driver.exchange_new_code_with_wrong_verifier() == "invalid_grant"


@action('"{app}" subscribes to changes')
def subscribes(world: World, app: str) -> None:
    world.driver.subscribe(app)


@outcome('"{app}" is told that the activity of "{pet}" changed on {day:day}')
def told_activity(world: World, app: str, pet: str, day: date) -> None:
    wanted = {"pet_id": world.driver.pet_id(pet), "day": day.isoformat()}
    found = [
        m for m in world.driver.app_messages(app, expected=1) if m["type"] == "activity-changed"
    ]
    assert any(wanted.items() <= m["data"].items() for m in found), found
    assert all(set(m["data"]) <= {"owner_id", "pet_id", "day"} for m in found), "data leaked"


@outcome('every message "{app}" received carries a valid signature')
def all_signed(world: World, app: str) -> None:
    assert world.driver.app_messages_signed(app)


@outcome('"{app}" is told that "{owner}" revoked its access')
def told_revoked(world: World, app: str, owner: str) -> None:
    found = [m for m in world.driver.app_messages(app, expected=1) if m["type"] == "access-revoked"]
    assert [m["data"] for m in found] == [{"owner_id": world.driver.user_id(owner)}], found


@outcome('"{app}" is told nothing about "{pet}"')
def told_nothing(world: World, app: str, pet: str) -> None:
    pet_id = world.driver.pet_id(pet)
    messages = world.driver.app_messages(app, expected=0)
    assert not [m for m in messages if m["data"].get("pet_id") == pet_id], messages


@action('"{app}" acting for "{owner}" reads the activity of "{pet}" on {day:day} {times:d} times')
def reads_times(world: World, app: str, owner: str, pet: str, day: date, times: int) -> None:
    world.refusal = None
    for _ in range(times):
        world.attempt(lambda: world.driver.activity(owner, pet, day, app=app))


@outcome("the last read is refused as too many, with the seconds to wait")
def last_read_too_many(world: World) -> None:
    assert world.refusal is not None and world.refusal.kind == "too-many", world.refusal
    assert 1 <= world.refusal.retry_after <= 60, world.refusal.retry_after
