"""Who may call what: bearer tokens, API keys, administrators, and pets that are not yours."""

from __future__ import annotations

from datetime import timedelta

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from http_support import Api, problem, token_for

from entrypoints.http.routes import ROUTES
from entrypoints.wiring import Container

pytest_plugins = ["http_fixtures"]

PUBLIC = {"GET /articles/{article_id}", "GET /openapi.json", "GET /docs"}
# A developer has no account; the OAuth endpoints authenticate clients and owners their own way
# (tests/hostile/test_oauth.py); subscriptions take the app's client credentials.
APP_PLATFORM = {
    "POST /app-requests",
    "GET /app-requests/{request_id}",
    "PUT /subscription",
    "DELETE /subscription",
    *(r.key for r in ROUTES if r.template.startswith("/oauth/")),
}
KEYED = {"POST /webhooks/contentful", "POST /ingest/readings", *APP_PLATFORM}
BEARER_ROUTES = [r for r in ROUTES if r.key not in PUBLIC | KEYED]
ADMIN_CALLS = [
    ("GET", "/users", None),
    ("GET", "/quarantine", None),
    ("POST", "/apps", {"name": "VetConnect"}),
    ("POST", "/api-keys", {"purpose": "content", "name": "cms"}),
    ("DELETE", "/api-keys/0123456789ab", None),
    ("POST", "/app-requests/0123/decision", {"approve": True}),
    ("GET", "/webhooks/failed", None),
    ("POST", "/webhooks/failed/msg_0/replay", None),
]


def _filled(template: str) -> str:
    return template.replace("{day}", "2026-11-20").replace("{", "").replace("}", "")


@pytest.mark.parametrize("route", BEARER_ROUTES, ids=lambda r: r.key)
def test_every_bearer_route_refuses_a_missing_token(api: Api, route) -> None:  # type: ignore[no-untyped-def]
    refused = api.call(route.method, _filled(route.template), json_body={})
    problem(refused, 401)
    assert refused.headers["www-authenticate"].startswith("Bearer")


def _forged(container: Container) -> str:
    """Claims as the real issuer makes them, signed with another key under the real key id."""
    real = jwt.decode(token_for(container, "alice"), options={"verify_signature": False})
    kid = container.ports.token_issuer().public_keys()["keys"][0]["kid"]
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return jwt.encode(real, other, algorithm="RS256", headers={"kid": kid})


def _unsigned(container: Container) -> str:
    claims = jwt.decode(token_for(container, "alice"), options={"verify_signature": False})
    return jwt.encode(claims, None, algorithm="none")


BAD_TOKENS = {
    "forged": _forged,
    "unsigned": _unsigned,
    "expired": lambda c: c.ports.token_issuer().issue("alice", lifetime=timedelta(hours=-1)),
    "garbage": lambda c: "not.a.token",
}


@pytest.mark.parametrize("make", BAD_TOKENS.values(), ids=BAD_TOKENS.keys())
def test_a_bad_token_is_401(api: Api, container: Container, rex: str, make) -> None:  # type: ignore[no-untyped-def]
    problem(api.call("GET", f"/pets/{rex}", make(container)), 401)


def test_the_token_must_come_as_bearer(api: Api, alice: str, rex: str) -> None:
    problem(api.call("GET", f"/pets/{rex}", headers={"Authorization": f"Basic {alice}"}), 401)
    assert (
        api.call("GET", f"/pets/{rex}", headers={"authorization": f"bearer {alice}"}).status == 200
    )


@pytest.mark.parametrize("method, path, body", ADMIN_CALLS)
def test_owners_are_forbidden_the_admin_routes(
    api: Api, alice: str, method: str, path: str, body: object
) -> None:
    problem(api.call(method, path, alice, json_body=body), 403)


@pytest.mark.parametrize("method, path, body", ADMIN_CALLS[:4])
def test_administrators_may(api: Api, ops: str, method: str, path: str, body: object) -> None:
    assert api.call(method, path, ops, json_body=body).status in (200, 201)


PET_CALLS = [
    ("GET", "", None),
    ("PATCH", "", {"daily_step_goal": 100}),
    ("POST", "/weights", {"weight_kg": 3}),
    ("PUT", "/tracker", {"serial": "TRK-9"}),
    ("GET", "/activity/2026-11-20", None),
    ("GET", "/locations/2026-11-20", None),
    ("GET", "/recommendations", None),
    ("POST", "/photo", None),
    ("GET", "/photo", None),
]


@pytest.mark.parametrize("method, tail, body", PET_CALLS)
def test_another_owners_pet_answers_exactly_as_a_missing_one(
    api: Api, bob: str, rex: str, method: str, tail: str, body: object
) -> None:
    unknown = "f" * len(rex)
    theirs = api.call(method, f"/pets/{rex}{tail}", bob, json_body=body)
    missing = api.call(method, f"/pets/{unknown}{tail}", bob, json_body=body)
    problem(theirs, 404)
    assert theirs.headers == missing.headers
    assert theirs.body == missing.body


def test_an_app_sees_only_what_it_was_granted(
    api: Api, container: Container, alice: str, ops: str, rex: str
) -> None:
    app_id = api.ok("POST", "/apps", ops, json_body={"name": "VetConnect"})["id"]
    as_app = token_for(container, "alice", app=app_id)
    problem(api.call("GET", f"/pets/{rex}/activity/2026-11-20", as_app), 404)
    api.ok("PUT", f"/grants/{app_id}", alice, json_body={"scopes": ["activity:read"]})
    assert api.ok("GET", f"/pets/{rex}/activity/2026-11-20", as_app)["steps"] == 0
    problem(api.call("GET", f"/pets/{rex}/locations/2026-11-20", as_app), 404)
    problem(api.call("GET", "/grants", as_app), 403)
    problem(
        api.call(
            "POST", "/pets", as_app, json_body={"name": "X", "species": "cat", "weight_kg": 3}
        ),
        403,
    )
