"""Each route's happy path, answered as openapi.yaml documents (the Api client checks every answer)."""

from __future__ import annotations

import pytest
from http_support import Api, api_key, body_of, problem

from adapters.local.settable_clock import SettableClock
from entrypoints.wiring import Container

pytest_plugins = ["http_fixtures"]


@pytest.fixture
def ingest(container: Container) -> dict[str, str]:
    return {"X-Api-Key": api_key(container, "ingest")}


def test_the_profile_and_its_time_zone(api: Api, alice: str) -> None:
    assert api.ok("GET", "/me", alice) == {"id": "alice", "time_zone": "UTC"}
    changed = api.ok("PUT", "/me", alice, json_body={"time_zone": "Europe/Berlin"})
    assert changed == {"id": "alice", "time_zone": "Europe/Berlin"}
    assert (
        problem(api.call("PUT", "/me", alice, json_body={"time_zone": "Mars/Base"}), 422)["field"]
        == "time_zone"
    )


def test_a_pet_is_registered_listed_and_changed(api: Api, alice: str) -> None:
    created = api.call(
        "POST", "/pets", alice, json_body={"name": "Mia", "species": "cat", "weight_kg": 4}
    )
    assert created.status == 201
    pet = api.ok("GET", "/pets", alice)["pets"][0]
    assert pet == {
        "id": pet["id"],
        "name": "Mia",
        "species": "cat",
        "weight_kg": 4.0,
        "daily_step_goal": 3000,
        "version": 1,
        "weights": [{"day": "2026-11-21", "weight_kg": 4.0}],
        "safe_zone": None,
    }
    assert api.ok("GET", f"/pets/{pet['id']}", alice) == pet
    changed = api.ok(
        "PATCH", f"/pets/{pet['id']}", alice, json_body={"daily_step_goal": 5000, "version": 1}
    )
    assert (changed["daily_step_goal"], changed["version"]) == (5000, 2)
    stale = api.call(
        "PATCH", f"/pets/{pet['id']}", alice, json_body={"daily_step_goal": 10, "version": 1}
    )
    problem(stale, 409)


def test_weights_are_recorded_per_day(api: Api, alice: str, rex: str) -> None:
    pet = api.ok(
        "POST", f"/pets/{rex}/weights", alice, json_body={"weight_kg": 21.5, "day": "2026-10-15"}
    )
    assert pet["weights"] == [
        {"day": "2026-10-15", "weight_kg": 21.5},
        {"day": "2026-11-21", "weight_kg": 20.0},
    ]
    pet = api.ok("POST", f"/pets/{rex}/weights", alice, json_body={"weight_kg": 22})
    assert pet["weight_kg"] == 22.0
    future = api.call(
        "POST", f"/pets/{rex}/weights", alice, json_body={"weight_kg": 22, "day": "2026-12-01"}
    )
    assert problem(future, 422)["field"] == "day"
    assert (
        problem(
            api.call(
                "POST",
                f"/pets/{rex}/weights",
                alice,
                json_body={"weight_kg": 22, "day": "1.1.2026"},
            ),
            422,
        )["field"]
        == "day"
    )


def test_a_tracker_is_paired_once(api: Api, alice: str, bob: str, rex: str) -> None:
    assert api.ok("PUT", f"/pets/{rex}/tracker", alice, json_body={"serial": "TRK-001"}) == {
        "serial": "TRK-001",
        "pet_id": rex,
    }
    assert api.ok("GET", "/trackers/TRK-001", alice) == {
        "serial": "TRK-001",
        "pet_id": rex,
        "battery": None,
        "last_reading_at": None,
    }
    problem(api.call("GET", "/trackers/TRK-001", bob), 404)
    bello = api.ok(
        "POST", "/pets", bob, json_body={"name": "Bello", "species": "dog", "weight_kg": 30}
    )["id"]
    problem(api.call("PUT", f"/pets/{bello}/tracker", bob, json_body={"serial": "TRK-001"}), 409)
    assert api.ok("GET", "/trackers/TRK-001", alice)["pet_id"] == rex


def test_activity_locations_and_recommendations(
    api: Api, alice: str, rex: str, ingest: dict[str, str]
) -> None:
    api.ok("PUT", f"/pets/{rex}/tracker", alice, json_body={"serial": "TRK-001"})
    readings = [
        {"time": "2026-11-20T08:00:00Z", "steps": 0, "latitude": 52.52, "longitude": 13.405},
        {"time": "2026-11-20T08:20:00Z", "steps": 900, "latitude": 52.529, "longitude": 13.4198},
        {"time": "2026-11-20T08:10:00Z", "steps": 1100, "latitude": 52.529, "longitude": 13.405},
    ]
    api.ok(
        "POST",
        "/ingest/readings",
        headers=ingest,
        json_body={"tracker": "TRK-001", "readings": readings},
    )
    activity = api.call("GET", f"/pets/{rex}/activity/2026-11-20", alice)
    assert (
        activity.body
        == (
            f'{{"pet_id":"{rex}","day":"2026-11-20","steps":2000,"walked_km":0.80,'
            '"active_kcal":18,"resting_kcal":662,"tracked_km":2.00}'
        ).encode()
    )
    points = api.ok("GET", f"/pets/{rex}/locations/2026-11-20", alice)["points"]
    assert [p["time"] for p in points] == [
        "2026-11-20T08:00:00Z",
        "2026-11-20T08:10:00Z",
        "2026-11-20T08:20:00Z",
    ]
    assert points[1] == {"time": "2026-11-20T08:10:00Z", "latitude": 52.529, "longitude": 13.405}
    assert api.ok("GET", f"/pets/{rex}/recommendations", alice) == {"recommendations": []}


def test_recommendations_have_codes_and_titles(
    api: Api, clocked: tuple[Container, SettableClock], alice: str, rex: str, ingest: dict[str, str]
) -> None:
    api.ok("PUT", f"/pets/{rex}/tracker", alice, json_body={"serial": "TRK-001"})
    low = [{"time": "2026-11-19T09:00:00Z", "steps": 10, "battery": 11}]
    api.ok(
        "POST",
        "/ingest/readings",
        headers=ingest,
        json_body={"tracker": "TRK-001", "readings": low},
    )
    found = api.ok("GET", f"/pets/{rex}/recommendations", alice)["recommendations"]
    assert found == [
        {"code": "charge-tracker", "title": "Charge the tracker"},
        {"code": "tracker-offline", "title": "The tracker has gone quiet"},
    ]


def test_photo_links(api: Api, container: Container, alice: str, rex: str) -> None:
    problem(api.call("GET", f"/pets/{rex}/photo", alice), 404)
    upload = api.call("POST", f"/pets/{rex}/photo", alice)
    assert upload.status == 201
    link = api.ok("POST", f"/pets/{rex}/photo", alice)
    assert link["method"] == "PUT"
    assert link["headers"] == {"Content-Type": "image/jpeg"}
    container.ports.blobs().put(link["upload_url"], b"jpeg", link["headers"])
    assert (
        container.ports.blobs().get(api.ok("GET", f"/pets/{rex}/photo", alice)["download_url"])
        == b"jpeg"
    )


def test_bundles_start_and_report(
    api: Api, container: Container, alice: str, bob: str, rex: str
) -> None:
    api.ok("PUT", f"/pets/{rex}/tracker", alice, json_body={"serial": "TRK-001"})
    started = api.call("POST", "/trackers/TRK-001/bundles", alice)
    assert started.status == 201
    bundle = api.ok("GET", f"/bundles/{body_of(started)['bundle_id']}", alice)
    assert (bundle["status"], bundle["report"], bundle["tracker"]) == (
        "waiting-for-upload",
        None,
        "TRK-001",
    )
    container.ports.blobs().put(
        body_of(started)["upload_url"],
        b'{"time": "2026-11-20T07:00:00Z", "steps": 10}\n{"steps": 1}\n',
        body_of(started)["headers"],
    )
    report = api.ok("GET", f"/bundles/{bundle['id']}", alice)["report"]
    assert report == {
        "accepted": 1,
        "duplicates": 0,
        "quarantined": 0,
        "rejected": [{"line": 2, "field": "time", "reason": "time is required"}],
    }
    problem(api.call("GET", f"/bundles/{bundle['id']}", bob), 404)
    problem(api.call("POST", "/trackers/TRK-001/bundles", bob), 404)


def test_phones_and_grants(api: Api, container: Container, alice: str, ops: str) -> None:
    phone = api.call(
        "POST",
        "/phones",
        alice,
        json_body={"name": "iphone", "platform": "ios", "device_token": "t"},
    )
    assert (phone.status, body_of(phone)) == (201, {"name": "iphone", "platform": "ios"})
    app_id = api.ok("POST", "/apps", ops, json_body={"name": "VetConnect"})["id"]
    granted = api.ok(
        "PUT", f"/grants/{app_id}", alice, json_body={"scopes": ["location:read", "activity:read"]}
    )
    assert granted == {
        "app_id": app_id,
        "app_name": "VetConnect",
        "scopes": ["activity:read", "location:read"],
        "connected_at": None,  # granted here, not connected through the sign-in page
        "last_read": None,
        "subscribed": False,
    }
    assert api.ok("GET", "/grants", alice) == {"grants": [granted], "next_cursor": None}
    assert api.call("DELETE", f"/grants/{app_id}", alice).status == 204
    assert api.ok("GET", "/grants", alice) == {"grants": [], "next_cursor": None}
    problem(
        api.call("PUT", "/grants/no-such-app", alice, json_body={"scopes": ["activity:read"]}), 404
    )
    assert (
        problem(api.call("PUT", f"/grants/{app_id}", alice, json_body={"scopes": ["all"]}), 422)[
            "field"
        ]
        == "scopes"
    )


def test_administration(api: Api, container: Container, alice: str, ops: str) -> None:
    assert api.ok("GET", "/users", ops) == {
        "users": [
            {"id": "alice", "name": "alice", "is_admin": False},
            {"id": "ops", "name": "ops", "is_admin": True},
        ],
        "next_cursor": None,
    }
    issued = api.call("POST", "/api-keys", ops, json_body={"purpose": "ingest", "name": "platform"})
    key = body_of(issued)
    assert (issued.status, key["purpose"], key["name"]) == (201, "ingest", "platform")
    assert key["key"].startswith(f"pk_{key['prefix']}_")
    assert api.call("DELETE", f"/api-keys/{key['prefix']}", ops).status == 204
    problem(api.call("DELETE", "/api-keys/000000000000", ops), 404)
    assert (
        problem(api.call("POST", "/api-keys", ops, json_body={"purpose": "all", "name": "x"}), 422)[
            "field"
        ]
        == "purpose"
    )


def test_the_contract_is_served(api: Api) -> None:
    document = api.ok("GET", "/openapi.json")
    assert document["openapi"].startswith("3.1")
    page = api.call("GET", "/docs")
    assert page.headers["content-type"].startswith("text/html")
    assert b"src=" not in page.body  # nothing loads from elsewhere (its one script is inline)
