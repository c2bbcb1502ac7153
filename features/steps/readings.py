from __future__ import annotations

from datetime import date
from typing import Any

from domain.clockwork import format_instant, local_noon
from features.steps.grammar import action, outcome, table_value
from features.steps.world import World


def rows(datatable: list[list[str]]) -> list[dict[str, Any]]:
    header, *body = datatable
    return [
        {k: table_value(v) for k, v in zip(header, row, strict=True) if v != ""} for row in body
    ]


def deliver(world: World, serial: str, readings: list[dict[str, Any]]) -> None:
    world.redeliver = lambda: world.driver.report_readings(serial, readings)
    world.delivery = world.attempt(world.redeliver)


@action('tracker "{serial}" reports {steps:d} steps at {time:instant}')
def reports_steps(world: World, serial: str, steps: int, time: object) -> None:
    deliver(world, serial, [{"time": format_instant(time), "steps": steps}])  # type: ignore[arg-type]


@action('tracker "{serial}" reports:')
def reports_table(world: World, serial: str, datatable: list[list[str]]) -> None:
    deliver(world, serial, rows(datatable))


@action("the same readings are delivered again")
def delivered_again(world: World) -> None:
    assert world.redeliver is not None, "nothing was delivered yet"
    world.delivery = world.attempt(world.redeliver)


@action('"{pet}" walked these steps:')
def walked_these_steps(world: World, pet: str, datatable: list[list[str]]) -> None:
    time_zone = world.time_zone(world.owner_of(pet))
    readings = [
        {
            "time": format_instant(local_noon(date.fromisoformat(r["day"]), time_zone)),
            "steps": int(r["steps"]),
        }
        for r in ({k: v for k, v in zip(datatable[0], row, strict=True)} for row in datatable[1:])
    ]
    deliver(world, world.trackers[pet], readings)
    assert world.delivery is not None and world.delivery.accepted == len(readings)


@outcome('the delivery is rejected because "{field}" is invalid')
def delivery_rejected(world: World, field: str) -> None:
    assert world.delivery is not None, f"the delivery was refused outright: {world.refusal}"
    assert world.delivery.accepted == 0
    assert [f for _, f in world.delivery.rejected] == [field]


def sync(world: World, owner: str, serial: str, content: str) -> None:
    world.redeliver = lambda: world.driver.sync_bundle(owner, serial, content)
    world.delivery = world.attempt(world.redeliver)


@action('"{owner}" syncs a bundle for tracker "{serial}":')
@action('"{owner}" tries to sync a bundle for tracker "{serial}":')
def syncs_bundle(world: World, owner: str, serial: str, docstring: str) -> None:
    sync(world, owner, serial, docstring)


@action('"{owner}" syncs the same bundle again')
def syncs_again(world: World, owner: str) -> None:
    assert world.redeliver is not None, "no bundle was synced yet"
    world.delivery = world.attempt(world.redeliver)


@outcome(
    "the bundle report shows {accepted:d} accepted, {duplicates:d} duplicates and {rejected:d} rejected readings"
)
def bundle_report(world: World, accepted: int, duplicates: int, rejected: int) -> None:
    assert world.delivery is not None, f"the bundle was refused: {world.refusal}"
    found = (world.delivery.accepted, world.delivery.duplicates, len(world.delivery.rejected))
    assert found == (accepted, duplicates, rejected)


@outcome('line {line:d} of the bundle is rejected because "{field}" is invalid')
def line_rejected(world: World, line: int, field: str) -> None:
    assert world.delivery is not None
    assert (line, field) in world.delivery.rejected


@outcome("the request is refused")
def request_refused(world: World) -> None:
    assert world.refusal is not None, "the request was accepted"


@outcome("the request is refused as unauthorized")
def refused_unauthorized(world: World) -> None:
    assert world.refusal is not None and world.refusal.kind == "unauthorized"


@outcome('"{admin}" sees {count:d} quarantined reading from tracker "{serial}"')
@outcome('"{admin}" sees {count:d} quarantined readings from tracker "{serial}"')
def sees_quarantined(world: World, admin: str, count: int, serial: str) -> None:
    assert world.driver.quarantined(admin, serial) == count
