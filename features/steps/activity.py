from __future__ import annotations

from datetime import date

import attrs

from features.steps.grammar import names, outcome
from features.steps.world import World
from tests.support.drivers.base import Refused

COLUMNS = {
    "steps": "steps",
    "walked km": "walked_km",
    "active kcal": "active_kcal",
    "resting kcal": "resting_kcal",
    "tracked km": "tracked_km",
}


@outcome('"{viewer}" sees {steps:d} steps for "{pet}" on {day:day}')
def sees_steps(world: World, viewer: str, steps: int, pet: str, day: date) -> None:
    assert world.driver.activity(viewer, pet, day).steps == steps


@outcome('"{viewer}" sees for "{pet}" on {day:day}:')
def sees_activity(
    world: World, viewer: str, pet: str, day: date, datatable: list[list[str]]
) -> None:
    header, values = datatable[0], datatable[1]
    found = attrs.asdict(world.driver.activity(viewer, pet, day))
    shown = {
        column: f"{found[COLUMNS[column]]:.2f}" if "km" in column else str(found[COLUMNS[column]])
        for column in header
    }
    assert shown == dict(zip(header, values, strict=True))


@outcome('the location history of "{pet}" on {day:day} as seen by "{viewer}" is:')
def location_history(
    world: World, pet: str, day: date, viewer: str, datatable: list[list[str]]
) -> None:
    expected = [(t, float(lat), float(lon)) for t, lat, lon in datatable[1:]]
    assert world.driver.locations(viewer, pet, day) == expected


@outcome('"{app}" acting for "{owner}" sees {steps:d} steps for "{pet}" on {day:day}')
def app_sees_steps(world: World, app: str, owner: str, steps: int, pet: str, day: date) -> None:
    assert world.driver.activity(owner, pet, day, app=app).steps == steps


def denied(action: object) -> bool:
    try:
        action()  # type: ignore[operator]
    except Refused as refusal:
        return refusal.kind == "not-found"
    return False


@outcome('"{app}" acting for "{owner}" is denied the activity of "{pet}" on {day:day}')
def app_denied_activity(world: World, app: str, owner: str, pet: str, day: date) -> None:
    assert denied(lambda: world.driver.activity(owner, pet, day, app=app))


@outcome('"{app}" acting for "{owner}" is denied the location history of "{pet}" on {day:day}')
def app_denied_locations(world: World, app: str, owner: str, pet: str, day: date) -> None:
    assert denied(lambda: world.driver.locations(owner, pet, day, app=app))


@outcome('"{app}" acting for "{owner}" cannot see "{pet}"')
def app_cannot_see(world: World, app: str, owner: str, pet: str) -> None:
    assert not world.driver.pet_visible(owner, pet, app=app)
    assert denied(lambda: world.driver.activity(owner, pet, date(2026, 11, 20), app=app))


@outcome('"{owner}" gets the recommendations "{codes}" for "{pet}"')
def gets_recommendations(world: World, owner: str, codes: str, pet: str) -> None:
    """At least these codes. Exactly would contradict RULES.md in "The advice reads as the CMS
    wrote it": its latest reading is 70 hours old there, so `tracker-offline` applies as well."""
    found = [code for code, _ in world.driver.recommendations(owner, pet)]
    assert set(names(codes)) <= set(found), found


@outcome('"{owner}" gets no recommendations for "{pet}"')
def gets_no_recommendations(world: World, owner: str, pet: str) -> None:
    assert world.driver.recommendations(owner, pet) == []


@outcome('the recommendation "{code}" for "{pet}" reads "{title}"')
def recommendation_reads(world: World, code: str, pet: str, title: str) -> None:
    found = dict(world.driver.recommendations(world.owner_of(pet), pet))
    assert found[code] == title
