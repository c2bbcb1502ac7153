"""If-Match as RFC 9110 reads it (strong comparison), against the versions a pet's ETag gives;
the versions the route table's answers carry (every binding's own run is in tests/hostile)."""

from __future__ import annotations

import pytest
from http_support import Api, problem

from entrypoints.http.messages import HttpRequest
from entrypoints.http.preconditions import if_match

pytest_plugins = ["http_fixtures"]

NAMED = {
    None: None,
    "*": None,
    " * ": None,
    '"3"': {3},
    '"3", "4"': {3, 4},
    '"3",W/"4" ,  "x"': {3},
    'W/"3"': set(),
    '"03"': set(),
    '"0"': {0},  # a version no pet is at
    '"-1"': set(),
    '"3.0"': set(),
    '"99999999999999999999"': set(),
    "3": set(),
    '"3': set(),
    '"3" "4"': set(),
    '"3", *': set(),
    "": set(),
}


@pytest.mark.parametrize("header, versions", NAMED.items(), ids=[repr(k) for k in NAMED])
def test_if_match_names_the_versions_of_its_strong_tags(
    header: str | None, versions: set[int] | None
) -> None:
    headers = {} if header is None else {"If-Match": header}
    named = if_match(HttpRequest("PATCH", "/pets/x", headers=headers))
    assert named == (None if versions is None else frozenset(versions))


def test_every_pet_answer_carries_its_version_as_etag(api: Api, alice: str, rex: str) -> None:
    assert api.call("GET", f"/pets/{rex}", alice).headers["etag"] == '"1"'
    changed = api.call("PATCH", f"/pets/{rex}", alice, json_body={"daily_step_goal": 5000})
    assert changed.headers["etag"] == '"2"'
    weighed = api.call("POST", f"/pets/{rex}/weights", alice, json_body={"weight_kg": 21})
    assert weighed.headers["etag"] == '"3"'
    created = api.call(
        "POST", "/pets", alice, json_body={"name": "Mia", "species": "cat", "weight_kg": 4}
    )
    assert created.headers["etag"] == '"1"'


def test_if_match_and_the_body_version_must_both_hold(api: Api, alice: str, rex: str) -> None:
    both = {"daily_step_goal": 5000, "version": 1}
    problem(
        api.call("PATCH", f"/pets/{rex}", alice, json_body=both, headers={"If-Match": '"2"'}), 409
    )
    assert (
        api.call("PATCH", f"/pets/{rex}", alice, json_body=both, headers={"If-Match": '"1"'}).status
        == 200
    )
