"""Account deletion on every binding: once an owner deletes their account, no store of the
binding holds anything that names them, their pets, trackers, phones, bundles or connections;
another owner's data is untouched; the tokens they held are refused on every route.

Each store is read directly, as the driver's `records` lists it (every row of the SQLite file
and every blob file; a Scan of the DynamoDB table, the bucket, SNS's endpoints, Cognito's users
and API Gateway's connections on moto; every entity of the Azure table, the container, Graph's
users and Web PubSub's connections on the fakes). Before the deletion the same scan must find
the owner in every kind of data the binding keeps, so a scan that cannot see a store fails
rather than passing blind. Figures: row "account-deletion", one case per kind of data.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from entrypoints.http.routes import ROUTES
from tests.support.drivers.api import ApiDriver
from tests.support.drivers.base import Driver
from tests.support.figures import Figures

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
OWNERS = {"alice": ("Rex", "TRK-A1"), "bob": ("Tom", "TRK-B1")}
PUBLIC = {"GET /openapi.json", "GET /docs", "GET /articles/{article_id}"}  # read no token


def bundle(*lines: tuple[str, int]) -> str:
    return "\n".join(json.dumps({"time": time, "steps": steps}) for time, steps in lines)


def populate(driver: Driver) -> None:
    """Each owner with everything an owner can have: settings, a pet with a photo and a paired
    tracker, readings that reach the goal and run the battery low (announced to a phone and a
    live connection), a quarantined reading, a synced bundle, a grant to an app, and an app
    connected through OAuth (its connection, tokens and the grant the intake reads), subscribed."""
    driver.set_time(NOW)
    driver.add_user("ops", admin=True)
    driver.register_app("VetConnect")
    driver.register_app("VetBook")
    for owner, (pet, serial) in OWNERS.items():
        driver.add_user(owner)
        driver.set_time_zone(owner, "Europe/Berlin")
        driver.register_pet(owner, "dog", pet, 20)
        driver.pair_tracker(owner, serial, pet)
        driver.register_phone(owner, "ios", f"{owner}-phone")
        driver.connect_live(owner)
        driver.report_readings(
            serial,
            [
                {"time": "2026-11-21T08:00:00Z", "steps": 9000, "battery": 9},
                {"time": "2026-11-21T08:05:00Z", "steps": 10, "latitude": 52.52, "longitude": 13.4},
                {"time": "2026-11-21T08:10:00Z", "steps": -1},  # kept in quarantine
            ],
        )
        driver.upload_photo(owner, pet, b"\xff\xd8\xff\xe0" + owner.encode() * 64)
        driver.sync_bundle(owner, serial, bundle(("2026-11-20T08:00:00Z", 1200)))
        driver.grant(owner, "VetConnect", ["activity:read", "location:read"])
        driver.connect(owner, "VetBook", ["activity:read"])
    driver.subscribe("VetBook")
    driver.report_readings(OWNERS["alice"][1], [{"time": "2026-11-21T09:00:00Z", "steps": 5}])


def test_nothing_of_a_deleted_account_is_left_in_any_store(
    driver: Driver, binding: str, figures: Figures
) -> None:
    populate(driver)
    before, theirs = driver.traces("alice"), driver.traces("bob")
    assert set(driver.kinds_held) <= set(before), "the scan must see every kind of data"
    driver.delete_account("alice")
    driver.delete_account("alice")  # asking again (the same token) finishes, and changes nothing
    left = driver.traces("alice")
    for kind in (*driver.kinds_held, "other"):  # "other": what no kind covers (raw files, say)
        figures.record("account-deletion", binding, held=kind not in left)
    assert left == {}
    kept = {kind: found for kind, found in driver.traces("bob").items() if kind != "other"}
    assert kept == {kind: found for kind, found in theirs.items() if kind != "other"}, (
        "another owner's data changed"  # (a raw file's bytes move: from the log to the file)
    )
    assert driver.user_names("ops") == ["bob", "ops"]


# Routes whose callers are no owner: a developer, an app with its client credentials, the OAuth
# endpoints (tests/hostile/test_oauth.py attacks them).
NO_BEARER = {
    "POST /app-requests",
    "GET /app-requests/{request_id}",
    "PUT /subscription",
    "DELETE /subscription",
    *(r.key for r in ROUTES if r.template.startswith("/oauth/")),
}


def test_the_tokens_of_a_deleted_account_are_refused_on_every_route(
    api: ApiDriver, binding: str, figures: Figures
) -> None:
    """The owner's token and an app's token for them answer 401 on every route but the public
    ones (the API-key routes too: a bearer token is not their door), though both still carry
    a valid signature."""
    populate(api)
    app_token = api.token("alice", "VetConnect")
    connected_app_token = api.oauth["VetBook"].tokens["alice"]  # Pawtrack's own, opaque
    api.delete_account("alice")
    tokens = {"owner": api.old_tokens["alice"], "app": app_token, "oauth": connected_app_token}
    for route in (r for r in ROUTES if r.key not in PUBLIC | NO_BEARER | {"DELETE /me"}):
        path = route.template.replace("{pet_id}", api.pet("Rex")).replace("{day}", "2026-11-21")
        path = path.replace("{serial}", "TRK-A1").replace("{app_id}", api.ids["VetConnect"])
        for who, token in tokens.items():
            headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
            answer = api.send(route.method, _filled(path), headers, b"{}", {})
            figures.record("token-attacks", binding, held=answer.status == 401)
            assert answer.status == 401, f"{who}'s old token: {route.key} {answer.status}"


def test_an_app_cannot_delete_the_account_it_acts_for(
    api: ApiDriver, binding: str, figures: Figures
) -> None:
    api.set_time(NOW)
    api.add_user("alice")
    api.register_pet("alice", "dog", "Rex", 20)
    api.register_app("VetConnect")
    api.grant("alice", "VetConnect", ["activity:read", "profile:read"])
    headers = {"Authorization": f"Bearer {api.token('alice', 'VetConnect')}"}
    refused = api.send("DELETE", "/me", headers, b"", {}).status == 403
    figures.record("access-probes", binding, held=refused)  # as administrators' routes: 403
    assert refused
    assert api.pet_names("alice") == ["Rex"]


def _filled(path: str) -> str:
    for name, value in (("{bundle_id}", "0" * 32), ("{article_id}", "a-1"), ("{prefix}", "pk")):
        path = path.replace(name, value)
    return path
