"""`dispatch`, the door every binding goes through: route keys, and errors nobody expected."""

from __future__ import annotations

import json
import logging

import pytest
from dependency_injector import providers
from http_support import problem

from entrypoints.http.messages import HttpRequest
from entrypoints.http.routes import dispatch, match
from entrypoints.wiring import Container

pytest_plugins = ["http_fixtures"]


def test_a_route_is_named_by_its_key_or_its_method_and_template(
    container: Container, alice: str
) -> None:
    request = HttpRequest("GET", "/me", headers={"Authorization": f"Bearer {alice}"})
    by_key = dispatch(container, "GET /me", request)
    by_pair = dispatch(container, ("GET", "/me"), request)
    assert by_key == by_pair and json.loads(by_key.body)["id"] == "alice"


def test_path_parameters_come_from_the_platform(container: Container, alice: str) -> None:
    request = HttpRequest(
        "GET", "/ignored", {"article_id": "missing"}, headers={"authorization": f"Bearer {alice}"}
    )
    assert (
        "missing"
        in problem(dispatch(container, "GET /articles/{article_id}", request), 404)["detail"]
    )


def test_the_matcher_finds_templates_and_parameters() -> None:
    found = match("get", "/pets/p-1/activity/2026-11-20")
    assert found is not None
    route, params = found
    assert (route.key, params) == (
        "GET /pets/{pet_id}/activity/{day}",
        {"pet_id": "p-1", "day": "2026-11-20"},
    )
    assert match("GET", "/pets/p-1/activity/2026-11-20/hours/x") is None
    assert match("GET", "/pets/a/b/activity/2026-11-20") is None


class Broken:
    def __call__(self, query: object) -> object:
        raise RuntimeError("secret internals: /srv/db password=hunter2")


def test_an_unexpected_error_is_a_logged_500_that_shows_nothing(
    container: Container, alice: str, caplog: pytest.LogCaptureFixture
) -> None:
    container.get_profile.override(providers.Object(Broken()))
    request = HttpRequest("GET", "/me", headers={"Authorization": f"Bearer {alice}"})
    with caplog.at_level(logging.ERROR):
        failed = dispatch(container, "GET /me", request)
    found = problem(failed, 500)
    assert b"hunter2" not in failed.body and b"Traceback" not in failed.body
    assert "hunter2" in caplog.text and found["title"] == "Internal Server Error"
