"""Helpers of the HTTP tests: containers on a set clock, tokens, keys, and a dispatching client.

tests/http is not a package (a package named `http` would shadow the standard
library's), so the fixtures live in http_fixtures, loaded with `pytest_plugins`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from dependency_injector import providers
from openapi_check import undocumented

from adapters.local.settable_clock import SettableClock
from application.use_cases.issue_api_key import IssueApiKeyCommand
from application.use_cases.sign_in import SignInCommand
from domain.access import Caller
from entrypoints.http.messages import HttpRequest, HttpResponse
from entrypoints.http.routes import match, route_and_dispatch
from entrypoints.settings import Cloud, LocalSettings, Settings
from entrypoints.wiring import Container, build_container
from tests.support.drivers.api import entry_sys

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
OPERATOR = Caller("operator", is_admin=True)


def make_container(
    data_dir: Path, cloud: str = "memory", base_url: str = "http://127.0.0.1:8000"
) -> tuple[Container, SettableClock]:
    container = build_container(
        Settings(Cloud(cloud), LocalSettings(data_dir=data_dir, base_url=base_url))
    )
    clock = SettableClock(NOW)
    container.ports().clock.override(providers.Object(clock))
    return container, clock


def token_for(
    container: Container, user: str, *, admin: bool = False, app: str | None = None
) -> str:
    return container.sign_in()(SignInCommand(user, is_admin=admin, app_id=app))


def api_key(container: Container, purpose: str) -> str:
    return container.issue_api_key()(
        IssueApiKeyCommand(OPERATOR, purpose, f"{purpose} key")
    ).plaintext


class Api:
    """Calls the route table as a platform without its own routing would, and holds every
    answer to openapi.yaml (a 500 is never documented, so any 500 fails the test)."""

    def __init__(self, container: Container) -> None:
        self.container = container

    def call(
        self,
        method: str,
        path: str,
        token: str | None = None,
        json_body: object = None,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        query: Mapping[str, str] | None = None,
    ) -> HttpResponse:
        sent = dict(headers or {})
        if token is not None:
            sent.setdefault("Authorization", f"Bearer {token}")
        if json_body is not None:
            body = json.dumps(json_body).encode()
            sent.setdefault("Content-Type", "application/json")
        request = HttpRequest(method, path, query=dict(query or {}), headers=sent, body=body or b"")
        response = route_and_dispatch(self.container, request)
        routed = match(method, path)
        if routed is not None:  # every answer of a routed request must be as documented
            assert not undocumented(method, routed[0].template, response), response.body
        return response

    def ok(self, method: str, path: str, token: str | None = None, **kwargs: Any) -> Any:
        response = self.call(method, path, token, **kwargs)
        assert response.status < 300, response.body
        return json.loads(response.body) if response.body else None


def body_of(response: HttpResponse) -> Any:
    return json.loads(response.body)


def problem(response: HttpResponse, status: int) -> dict[str, Any]:
    assert response.status == status, response.body
    assert response.headers["content-type"] == "application/problem+json"
    found: dict[str, Any] = json.loads(response.body)
    assert found["status"] == status and found["type"] and found["title"] and found["detail"]
    return found


PUBLISH = "ContentManagement.Entry.publish"
CONTENTFUL = "application/vnd.contentful.management.v1+json"
ENTRY: dict[str, Any] = {
    "sys": {**entry_sys("walk-more"), "revision": 3},
    "fields": {
        "title": {"en-US": "Walk more", "de-DE": "Mehr gehen"},
        "body": {"en-US": "Longer walks."},
        "tag": {"en-US": "more-exercise"},
    },
}


def webhook(
    api: Api, key: str | None, topic: str = PUBLISH, body: object = ENTRY, media: str = CONTENTFUL
) -> HttpResponse:
    headers = {"X-Contentful-Topic": topic, "Content-Type": media}
    if key is not None:
        headers["X-Api-Key"] = key
    return api.call("POST", "/webhooks/contentful", body=json.dumps(body).encode(), headers=headers)
