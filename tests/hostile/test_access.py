"""Access probes through each binding's HTTP and live entrypoints.

Every route of the table that takes an id is probed (the list comes from the route table, and a
route with an id but no probe fails `test_every_route_that_takes_an_id_has_a_probe`): asked
about Alice's thing by another owner or by an app without the grant, it answers 404 with the
very bytes it answers for an id nobody has, whatever version the caller names; administrators'
routes answer an owner (and an app, even one acting for an administrator) 403, whatever the id.
Ids smuggled in bodies, query strings and live connections reach nothing of Alice's either.
What Alice sees of her things is the same after the probes as before, and she (or an app with
the right grant) does get in, so the 404s are for the caller, not for a wrong id.

An app refused outright with 403 rather than 404 would count as not held (APPS_REFUSED_OUTRIGHT
names such routes: none).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from adapters.azure.webpubsub_live_updates import group_of
from entrypoints.http.routes import ROUTES, ROUTES_BY_KEY, Route
from tests.support.drivers.api import Answer, ApiDriver
from tests.support.drivers.aws import AwsDriver
from tests.support.drivers.base import Refused
from tests.support.figures import Figures

from .access_http import is_problem, same, send
from .access_live import Live, LiveClient
from .access_probes import (
    ADMIN_BODIES,
    ALL_SCOPES,
    APP_OF_ANOTHER_OWNER,
    APP_WITHOUT_GRANT,
    GRANTS,
    OWNED,
    PUBLIC,
    Caller,
    Probe,
    World,
    admin_routes,
    app_without_the_scope,
    build_world,
    callers_of,
    fill,
    id_params,
    snapshot,
    unknown_like,
)

SMUGGLED = ("owner_id", "user_id", "owner", "sub")  # fields that might name an owner
BOB = Caller("Bob", "bob")
# Routes with an id that refuse an app outright with 403 instead of the 404 of an unknown id:
# none (application/authorization.py: hidden_from_apps). Counted as not held in the figures.
APPS_REFUSED_OUTRIGHT: set[str] = set()


@pytest.fixture
def world(api: ApiDriver) -> World:
    return build_world(api)


# The probe tables cover the route table


def test_every_route_that_takes_an_id_has_a_probe() -> None:
    admin = {route.key for route in admin_routes()}
    with_ids = {route.key for route in ROUTES if id_params(route)}
    probed = set(OWNED) | set(GRANTS) | set(PUBLIC) | (admin & with_ids)
    assert with_ids - probed == set(), "routes with an id that no probe asks"
    assert probed - with_ids == set(), "probes of routes the table no longer has"
    assert not (set(OWNED) | set(GRANTS) | set(PUBLIC)) & admin


def test_every_administrator_route_has_a_probe() -> None:
    assert {route.key for route in admin_routes()} == set(ADMIN_BODIES)


# Another owner's things, and apps without the grant: 404 like an unknown id


def probe(world: World, route: Route, caller: Caller, body: object) -> tuple[Answer, Answer]:
    """The route asked about Alice's thing, and about a thing nobody has, by the same caller."""
    query = probe_of(route).query
    theirs = send(world, caller, route.method, fill(route, world.ids(caller)), body, query)
    unknown = send(world, caller, route.method, fill(route, world.unknown_ids(caller)), body, query)
    return theirs, unknown


def probe_of(route: Route) -> Probe:
    return OWNED.get(route.key) or GRANTS.get(route.key) or Probe()


def cases(world: World) -> list[tuple[Route, Caller, object]]:
    owned = [
        (ROUTES_BY_KEY[key], caller, probe_.body)
        for key, probe_ in OWNED.items()
        for caller in callers_of(probe_)
    ]
    grants = [
        (ROUTES_BY_KEY[key], caller, probe_.body)
        for key, probe_ in GRANTS.items()
        for caller in (APP_WITHOUT_GRANT, app_without_the_scope(probe_), APP_OF_ANOTHER_OWNER)
    ]
    return owned + grants


def test_another_owner_and_apps_without_the_grant_get_404_like_an_unknown_id(
    api: ApiDriver, binding: str, world: World, figures: Figures
) -> None:
    before = snapshot(world)
    leaks, outright = [], set()
    for route, caller, body in cases(world):
        theirs, unknown = probe(world, route, caller, body)
        held = is_problem(theirs, 404) and same(theirs, unknown)
        figures.record("access-probes", binding, held=held)
        if not held and caller.app and is_problem(theirs, 403) and same(theirs, unknown):
            outright.add(route.key)
        elif not held:
            leaks.append(f"{route.key} as {caller.title}: {theirs.status} {theirs.body!r}")
    unchanged = snapshot(world) == before
    figures.record("access-probes", binding, held=unchanged)
    assert leaks == [], "\n".join(leaks)
    assert outright == APPS_REFUSED_OUTRIGHT, "apps refused outright: update the list"
    assert unchanged, "a refused probe changed what Alice has"
    owners_and_granted_apps_get_in(world)


def owners_and_granted_apps_get_in(world: World) -> None:
    """The probes' ids are right: Alice gets in on each route, and an app with the scope that
    opens a read gets that read."""
    alice = Caller("Alice", "alice")
    for key, probe_ in OWNED.items():
        route = ROUTES_BY_KEY[key]
        path, query = fill(route, world.ids(alice)), probe_.query
        answer = send(world, alice, route.method, path, probe_.body, query)
        assert answer.status < 300, f"Alice on {key}: {answer.status} {answer.body!r}"
        if probe_.opens is not None:
            everything = Caller("Everything", "alice", "Everything")
            answer = send(world, everything, route.method, path, query=query)
            assert answer.status == 200, f"a granted app on {key}: {answer.body!r}"


def test_a_precondition_on_another_owners_pet_answers_as_an_unknown_id(
    api: ApiDriver, binding: str, world: World, figures: Figures
) -> None:
    """A version (If-Match on every change of a pet, `version` in PATCH's body), right or stale,
    is judged after access: a 409 for a stale one would tell Bob the pet exists, and more."""
    version = api.call("GET", f"/pets/{world.pet}", "alice")["version"]
    changes = [ROUTES_BY_KEY[k] for k in OWNED if k.split()[0] != "GET" and "{pet_id}" in k]
    leaks = []
    for route in changes:
        for right_or_stale in (version, version + 7):
            body = OWNED[route.key].body
            if route.method == "PATCH":
                body = {**(body or {}), "version": right_or_stale}
            tag = {"If-Match": f'"{right_or_stale}"'}
            mine, unknown = (
                send(world, BOB, route.method, fill(route, ids), body, headers=tag)
                for ids in (world.ids(BOB), world.unknown_ids(BOB))
            )
            held = is_problem(mine, 404) and same(mine, unknown)
            figures.record("access-probes", binding, held=held)
            if not held:
                leaks.append(
                    f"{route.key} at version {right_or_stale}: {mine.status} {mine.body!r}"
                )
    assert len(changes) >= 2 and leaks == [], "\n".join(leaks)


# The owner's profile: apps read it only with profile:read


def test_an_app_reads_the_owners_profile_only_with_profile_read(
    api: ApiDriver, binding: str, world: World, figures: Figures
) -> None:
    """GET /me names the owner and their time zone: an app sees it with `profile:read`, which
    Alice granted Everything and NoActivity; Nosy (no grant) and NoProfile get 403 without it."""
    mine = send(world, Caller("Alice", "alice"), "GET", "/me")
    refused, let_in = [], []
    for app in ("Nosy", "NoProfile"):
        answer = send(world, Caller(app, "alice", app), "GET", "/me")
        held = is_problem(answer, 403) and world.alice_id.encode() not in answer.body
        figures.record("access-probes", binding, held=held)
        figures.record("app-scope", binding, held=held)
        if not held:
            refused.append(f"{app}: {answer.status} {answer.body!r}")
    for app in ("Everything", "NoActivity"):
        answer = send(world, Caller(app, "alice", app), "GET", "/me")
        held = answer.status == 200 and answer.body == mine.body
        figures.record("access-probes", binding, held=held)
        figures.record("app-scope", binding, held=held)
        if not held:
            let_in.append(f"{app}: {answer.status} {answer.body!r}")
    assert refused == [], "an app read the profile without profile:read"
    assert let_in == [], "an app granted profile:read did not see it"


# Administrators' routes


def test_owners_and_apps_get_403_on_every_administrator_route(
    api: ApiDriver, binding: str, world: World, figures: Figures
) -> None:
    prefix = world.cms_key.split("_")[1]
    values = {"prefix": prefix, "request_id": world.app_request, "message_id": "msg_0a1b"}
    unknown = {key: unknown_like(value) for key, value in values.items()}
    query = {"tracker": world.serial}
    callers = (
        Caller("an owner", "alice"),
        Caller("an app acting for an administrator", "ops", "Everything"),
    )
    refused = []
    for route in admin_routes():
        body = ADMIN_BODIES[route.key]
        for caller in callers:
            answer = send(world, caller, route.method, fill(route, values), body, query)
            other = send(world, caller, route.method, fill(route, unknown), body, query)
            held = is_problem(answer, 403) and same(answer, other)
            figures.record("access-probes", binding, held=held)
            if not held:
                refused.append(f"{route.key} as {caller.title}: {answer.status} {answer.body!r}")
    # The refused changes changed nothing: the CMS key still works; an administrator gets in.
    try:
        api.cms_publish(world.cms_key, "probe-article", "Walks in the rain", "more-exercise")
        key_kept = api.article_title("probe-article") == "Walks in the rain"
    except Refused:
        key_kept = False
    figures.record("access-probes", binding, held=key_kept)
    assert refused == [], "\n".join(refused)
    assert key_kept, "a refused call revoked the CMS key"
    ops = Caller("an administrator", "ops")
    assert send(world, ops, "GET", "/quarantine", query=query).status == 200


# Ids in bodies and query strings


def test_a_tracker_paired_with_another_owners_pet_stays_and_tells_nothing(
    api: ApiDriver, binding: str, world: World, figures: Figures
) -> None:
    answer = send(world, BOB, "PUT", f"/pets/{api.pet('Tom')}/tracker", {"serial": world.serial})
    alices = (world.pet, world.alice_id, "Rex")
    told = [secret for secret in alices if secret.encode() in answer.body]
    pairing = api.call("GET", f"/trackers/{world.serial}", "alice")
    held = is_problem(answer, 409) and not told and pairing["pet_id"] == world.pet
    figures.record("access-probes", binding, held=held)
    assert is_problem(answer, 409), answer
    assert told == [], f"the refusal names Alice's things: {answer.body!r}"
    assert pairing["pet_id"] == world.pet


def test_a_bundle_naming_another_owners_tracker_and_pet_counts_for_its_own_tracker_only(
    api: ApiDriver, binding: str, world: World, figures: Figures
) -> None:
    before = snapshot(world)
    line = {**world.reading(700, minutes_ago=3), "tracker": world.serial, "pet_id": world.pet}
    delivery = api.sync_bundle("bob", world.bobs_serial, json.dumps(line) + "\n")
    unchanged = snapshot(world) == before
    figures.record("access-probes", binding, held=unchanged)
    assert unchanged, "Bob's bundle reached Alice's pet"
    assert delivery.accepted == 1, "the line counts for Bob's own tracker"


def test_owner_fields_in_bodies_are_refused_and_change_nothing(
    api: ApiDriver, binding: str, world: World, figures: Figures
) -> None:
    before = snapshot(world)
    nosy = world.api.ids["Nosy"]
    bodies: list[tuple[str, str, dict[str, Any]]] = [
        ("POST", "/pets", {"name": "Cuckoo", "species": "cat", "weight_kg": 3}),
        ("PUT", f"/grants/{nosy}", {"scopes": ALL_SCOPES}),
        ("PUT", "/me", {"time_zone": "Asia/Tokyo"}),
        ("POST", "/phones", {"name": "p", "platform": "ios", "device_token": "t-smuggled"}),
        ("PATCH", f"/pets/{api.pet('Tom')}", {"daily_step_goal": 1234}),
        ("POST", f"/pets/{api.pet('Tom')}/weights", {"weight_kg": 4.5}),
    ]
    accepted = []
    for method, path, body in bodies:
        for field in SMUGGLED:
            answer = send(world, BOB, method, path, {**body, field: world.alice_id})
            held = 400 <= answer.status < 500
            figures.record("access-probes", binding, held=held)
            if not held:
                accepted.append(f"{method} {path} with {field}: {answer.status}")
    unchanged = snapshot(world) == before
    figures.record("access-probes", binding, held=unchanged)
    assert accepted == [], "\n".join(accepted)
    assert unchanged


def test_another_owners_grants_leave_alices_alone(
    api: ApiDriver, binding: str, world: World, figures: Figures
) -> None:
    bob, rex = BOB, f"/pets/{world.pet}"
    nosy, everything = Caller("Nosy", "alice", "Nosy"), Caller("Everything", "alice", "Everything")
    granted = send(world, bob, "PUT", f"/grants/{api.ids['Nosy']}", {"scopes": ALL_SCOPES})
    assert granted.status == 200
    assert send(world, bob, "DELETE", f"/grants/{api.ids['Everything']}").status == 204
    still_out = is_problem(send(world, nosy, "GET", rex), 404)
    still_in = send(world, everything, "GET", rex).status == 200
    figures.record("access-probes", binding, held=still_out, cases=1)
    figures.record("access-probes", binding, held=still_in, cases=1)
    assert still_out, "Bob's grant let an app into Alice's pet"
    assert still_in, "Bob's revocation took Alice's grant away"


def bobs_reads(world: World) -> list[str]:
    """Every read route Bob may call, on his own things (a bundle of his own too)."""
    bobs = world.api.call("POST", f"/trackers/{world.bobs_serial}/bundles", "bob")
    ids = {"pet_id": world.api.pet("Tom"), "serial": world.bobs_serial}
    ids |= {"bundle_id": bobs["bundle_id"], "day": world.today}
    ids |= {"export_id": world.api.request_export("bob"), "name": "bob-phone"}
    admin = {route.key for route in admin_routes()}
    return [
        fill(route, ids)
        for route in ROUTES
        if route.method == "GET" and route.key not in admin and route.key not in PUBLIC
    ]


def test_ids_in_query_strings_change_no_answer(
    api: ApiDriver, binding: str, world: World, figures: Figures
) -> None:
    query = {field: world.alice_id for field in SMUGGLED} | {
        "pet_id": world.pet,
        "tracker": world.serial,
        "serial": world.serial,
        "bundle_id": world.bundle,
    }
    bob, differ = BOB, []
    for path in bobs_reads(world):
        held = same(send(world, bob, "GET", path, query=query), send(world, bob, "GET", path))
        figures.record("access-probes", binding, held=held)
        if not held:
            differ.append(path)
    assert differ == [], "a query naming Alice's things changed Bob's answer"


# Live connections


def test_live_connections_tell_an_owner_nothing_of_another_owners_pets(
    api: ApiDriver, binding: str, world: World, figures: Figures
) -> None:
    live = LiveClient(api)
    alices = live.open(api.token("alice"))
    query = {field: world.alice_id for field in SMUGGLED}
    query |= {"pet_id": world.pet, "tracker": world.serial}
    bobs = live.open(api.token("bob"), query)
    assert alices is not None and bobs is not None
    kept_to_bob = bob_may_only_listen(live, world, bobs, alices, binding)
    figures.record("access-probes", binding, held=kept_to_bob)
    api.report_readings(world.serial, [world.reading(500, minutes_ago=2)])
    heard_by_alice = live.heard(alices, 1)
    heard_by_bob = live.heard(bobs, 0)
    figures.record("access-probes", binding, held=heard_by_bob == [])
    assert kept_to_bob
    assert [u["pet_id"] for u in heard_by_alice] == [world.pet], heard_by_alice
    assert heard_by_bob == [], "Bob heard of Alice's pet"


def bob_may_only_listen(
    live: LiveClient, world: World, bobs: Live, alices: Live, binding: str
) -> bool:
    """What Bob's connection could do to hear of Alice's pets: ask over it (local server, API
    Gateway), or on Azure join Alice's Web PubSub group, which takes a role his token lacks."""
    if binding == "azure":
        claims = live.pubsub_claims(bobs)
        return (
            not claims.get("role")
            and claims.get("webpubsub.group") == [group_of(world.bob_id)]
            and claims.get("sub") == world.bob_id
        )
    for action in ("subscribe", "join", "sendmessage"):
        message = {"action": action, "pet_id": world.pet, "tracker": world.serial}
        message |= {"owner_id": world.alice_id, "group": group_of(world.alice_id)}
        live.say(bobs, json.dumps(message))
    if isinstance(world.api, AwsDriver):  # the registry API Gateway posts through
        registered = world.api.c.ports.live_connections().of_owner(world.alice_id)
        return registered == [world.api.connections[alices.name]]
    return True
