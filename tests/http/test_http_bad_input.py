"""Bad input of every kind gets a problem naming what is wrong, never a 500."""

from __future__ import annotations

import json

import pytest
from http_support import Api, api_key, problem
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from entrypoints.http.messages import MAX_BODY_BYTES
from entrypoints.http.routes import ROUTES, Route
from entrypoints.wiring import Container
from tests.hostile.http_malformed import JSON, MALFORMED

pytest_plugins = ["http_fixtures"]


@pytest.mark.parametrize("body, says", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_body_is_a_400_that_says_why(
    api: Api, alice: str, body: bytes, says: str
) -> None:
    found = problem(api.call("POST", "/pets", alice, body=body, headers=JSON), 400)
    assert says in found["detail"]


WRONG_FIELDS = {
    "name is a number": ({"name": 5, "species": "dog", "weight_kg": 2}, "name"),
    "weight is text": ({"name": "Rex", "species": "dog", "weight_kg": "20"}, "weight_kg"),
    "weight is a bool": ({"name": "Rex", "species": "dog", "weight_kg": True}, "weight_kg"),
    "species missing": ({"name": "Rex", "weight_kg": 2}, "species"),
    "unknown field": ({"name": "Rex", "species": "dog", "weight_kg": 2, "colour": "red"}, "colour"),
    "name is null": ({"name": None, "species": "dog", "weight_kg": 2}, "name"),
    "species not known": ({"name": "Rex", "species": "fish", "weight_kg": 2}, "species"),
    "weight out of range": ({"name": "Rex", "species": "dog", "weight_kg": 0}, "weight_kg"),
}


@pytest.mark.parametrize("body, field", WRONG_FIELDS.values(), ids=WRONG_FIELDS.keys())
def test_a_wrong_or_missing_field_is_a_422_naming_it(
    api: Api, alice: str, body: object, field: str
) -> None:
    found = problem(api.call("POST", "/pets", alice, json_body=body), 422)
    assert found["field"] == field
    assert api.ok("GET", "/pets", alice)["pets"] == []


@pytest.mark.parametrize("goal", ["5000", True, 12.5, None, [5000]])
def test_the_step_goal_must_be_a_whole_number(api: Api, alice: str, rex: str, goal: object) -> None:
    found = problem(
        api.call("PATCH", f"/pets/{rex}", alice, json_body={"daily_step_goal": goal}), 422
    )
    assert found["field"] == "daily_step_goal"


def test_nested_fields_are_named_by_their_path(api: Api, alice: str) -> None:
    found = problem(
        api.call("PUT", "/grants/some-app", alice, json_body={"scopes": ["activity:read", 7]}), 422
    )
    assert found["field"] == "scopes[1]"
    found = problem(
        api.call("PUT", "/grants/some-app", alice, json_body={"scopes": "activity:read"}), 422
    )
    assert found["field"] == "scopes"


def test_every_field_at_fault_is_listed(api: Api, alice: str) -> None:
    found = problem(api.call("POST", "/pets", alice, json_body={"name": 1, "weight_kg": "x"}), 422)
    assert {e["field"] for e in found["errors"]} == {"name", "species", "weight_kg"}


def test_a_bad_day_in_the_path_is_named(api: Api, alice: str, rex: str) -> None:
    found = problem(api.call("GET", f"/pets/{rex}/activity/2026-13-01", alice), 422)
    assert found["field"] == "day"


def test_a_body_over_one_mebibyte_is_413(api: Api, alice: str) -> None:
    body = b'{"name": "' + b"x" * MAX_BODY_BYTES + b'"}'
    problem(api.call("POST", "/pets", alice, body=body, headers=JSON), 413)
    problem(api.call("POST", "/pets", None, body=body, headers=JSON), 413)


@pytest.mark.parametrize(
    "content_type", [None, "text/plain", "application/x-www-form-urlencoded", "application/jsonx"]
)
def test_a_body_that_is_not_json_is_415(api: Api, alice: str, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    body = json.dumps({"name": "Rex", "species": "dog", "weight_kg": 20}).encode()
    problem(api.call("POST", "/pets", alice, body=body, headers=headers), 415)


def test_json_with_a_charset_is_json(api: Api, alice: str) -> None:
    body = json.dumps({"name": "Rëx", "species": "dog", "weight_kg": 20}).encode()
    headers = {"Content-Type": "Application/JSON; charset=utf-8"}
    assert api.call("POST", "/pets", alice, body=body, headers=headers).status == 201


def test_unknown_paths_and_methods_are_problems(api: Api, alice: str) -> None:
    problem(api.call("GET", "/nowhere", alice), 404)
    refused = api.call("DELETE", "/pets", alice)
    problem(refused, 405)
    assert refused.headers["allow"] == "POST, GET"


BODY_ROUTES = [route for route in ROUTES if route.method in ("POST", "PUT", "PATCH")]


def _path(template: str, pet_id: str) -> str:
    return (
        template.replace("{pet_id}", pet_id).replace("{serial}", "TRK-1").replace("{app_id}", "app")
    )


@pytest.fixture
def machine_headers(container: Container) -> dict[str, str]:
    """Valid API keys, so that the machine routes read their bodies too."""
    return {
        **JSON,
        "X-Api-Key-ingest": api_key(container, "ingest"),
        "X-Api-Key-content": api_key(container, "content"),
        "X-Contentful-Topic": "ContentManagement.Entry.publish",
    }


def _headers(route: Route, machine_headers: dict[str, str]) -> dict[str, str]:
    purpose = {"/ingest/readings": "ingest", "/webhooks/contentful": "content"}.get(route.template)
    return (
        {**machine_headers, "X-Api-Key": machine_headers[f"X-Api-Key-{purpose}"]}
        if purpose
        else JSON
    )


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.binary(max_size=300), route=st.sampled_from(BODY_ROUTES))
def test_no_bytes_whatsoever_give_a_500(
    api: Api, alice: str, rex: str, machine_headers: dict[str, str], body: bytes, route: Route
) -> None:
    headers = _headers(route, machine_headers)
    response = api.call(route.method, _path(route.template, rex), alice, body=body, headers=headers)
    assert response.status < 500


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = st.sampled_from(
    [
        "sys",
        "fields",
        "name",
        "species",
        "weight_kg",
        "daily_step_goal",
        "version",
        "day",
        "serial",
        "scopes",
        "platform",
        "device_token",
        "time_zone",
        "tracker",
        "readings",
        "purpose",
    ]
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.dictionaries(FIELDS, JSON_VALUES, max_size=5), route=st.sampled_from(BODY_ROUTES))
def test_no_json_whatsoever_gives_a_500(
    api: Api, alice: str, rex: str, machine_headers: dict[str, str], body: object, route: Route
) -> None:
    headers = _headers(route, machine_headers)
    path = _path(route.template, rex)
    response = api.call(route.method, path, alice, json_body=body, headers=headers)
    assert response.status < 500
