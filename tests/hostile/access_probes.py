"""What the access probes aim at: a world of two owners and their things, the apps around
them, and per route of the table that takes an id, how to ask it about Alice's things.

Alice owns Rex, its tracker, a photo, a bundle and grants; Bob owns Tom and its tracker.
The apps act for Alice with less than a route needs (nothing, or every scope but the
one that opens it), or for Bob with everything Bob could grant.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

import attrs

from domain.access import Scope
from entrypoints.http import admin
from entrypoints.http.docs import openapi_document
from entrypoints.http.routes import ROUTES, Route
from tests.support.drivers.api import ApiDriver

ALL_SCOPES = sorted(scope.value for scope in Scope)
PHOTO = b"\xff\xd8\xff\xe0 Rex on the beach"
NOT_IDS = {"day"}  # path parameters that name no thing anybody owns


@attrs.frozen
class Probe:
    """How to call a route about Alice's thing: the body to send (valid, so that the access check
    and not the body decides), and which scope, granted to an app, opens it (None: no grant does;
    only the owner in person may)."""

    body: dict[str, Any] | None = None
    opens: Scope | None = None
    query: dict[str, str] | None = None


# Routes whose id names a thing an owner owns: another owner and the apps get 404, as for an
# unknown id.
OWNED: dict[str, Probe] = {
    "GET /pets/{pet_id}": Probe(opens=Scope.PROFILE),
    "PATCH /pets/{pet_id}": Probe({"daily_step_goal": 4321}),
    "POST /pets/{pet_id}/weights": Probe({"weight_kg": 31.5}),
    "PUT /pets/{pet_id}/tracker": Probe({"serial": "TRK-SPARE"}),
    "GET /pets/{pet_id}/activity/{day}": Probe(opens=Scope.ACTIVITY),
    "GET /pets/{pet_id}/locations/{day}": Probe(opens=Scope.LOCATION),
    "GET /pets/{pet_id}/recommendations": Probe(opens=Scope.ACTIVITY),
    "POST /pets/{pet_id}/photo": Probe(),
    "GET /pets/{pet_id}/photo": Probe(),
    "GET /trackers/{serial}": Probe(),
    "POST /trackers/{serial}/bundles": Probe(),
    "GET /bundles/{bundle_id}": Probe(),
    "GET /pets/{pet_id}/activity": Probe(
        opens=Scope.ACTIVITY, query={"from": "2026-01-01", "to": "2026-01-31"}
    ),
    "GET /pets/{pet_id}/activity/{day}/hours": Probe(opens=Scope.ACTIVITY),
    "GET /pets/{pet_id}/whereabouts": Probe(opens=Scope.LOCATION),
    "PUT /pets/{pet_id}/safe-zone": Probe({"latitude": 48.85, "longitude": 2.35, "radius_m": 500}),
    "GET /me/export/{export_id}": Probe(),
    # Last: Alice's own calls (owners_and_granted_apps_get_in) take these things away.
    "DELETE /pets/{pet_id}/safe-zone": Probe(),
    "DELETE /phones/{name}": Probe(),
    "DELETE /pets/{pet_id}/tracker": Probe(),
    "DELETE /pets/{pet_id}": Probe(),
}
# Routes whose id is an app's while the grant is the caller's own: an owner only ever touches
# their own grants (test_access checks Bob's leave Alice's alone); an app, which may not see
# grants at all, gets 404 for its own id as for an unknown one.
GRANTS: dict[str, Probe] = {
    "PUT /grants/{app_id}": Probe({"scopes": ALL_SCOPES}),
    "DELETE /grants/{app_id}": Probe(),
}
# Routes with an id that is nobody's.
PUBLIC = {
    "GET /articles/{article_id}": "published advice is public, the same for every caller",
    "GET /app-requests/{request_id}": "a developer has no account: the unguessable id is the key",
}
# Bodies that pass validation on the administrators' routes, so that the 403 is the role's.
ADMIN_BODIES: dict[str, object] = {
    "GET /users": None,
    "GET /quarantine": None,
    "POST /apps": {"name": "Probe"},
    "POST /api-keys": {"purpose": "content", "name": "probe"},
    "DELETE /api-keys/{prefix}": None,
    "POST /app-requests/{request_id}/decision": {"approve": True},
    "GET /webhooks/failed": None,
    "POST /webhooks/failed/{message_id}/replay": None,
}


def id_params(route: Route) -> list[str]:
    return [p for p in re.findall(r"\{(\w+)\}", route.template) if p not in NOT_IDS]


@cache
def admin_routes() -> tuple[Route, ...]:
    """The administrators' routes: tagged `admin` in the OpenAPI document, or served by the
    administrators' module (either way a new one is probed without a change here)."""
    paths = openapi_document()["paths"]

    def tagged(route: Route) -> bool:
        operation = paths.get(route.template, {}).get(route.method.lower(), {})
        return "admin" in operation.get("tags", [])

    return tuple(r for r in ROUTES if tagged(r) or r.handler.__module__ == admin.__name__)


def unknown_like(known: str) -> str:
    """An id nobody has, shaped like `known` (same length, same kinds of characters)."""
    hexdigits, alphabet = "abcdef", "abcdefghijklmnopqrstuvwxyz"

    def other(c: str) -> str:
        if c.isdigit():
            return str((int(c) + 1) % 10)
        letters = hexdigits if c.lower() in hexdigits else alphabet
        shifted = letters[(letters.index(c.lower()) + 1) % len(letters)] if c.isalpha() else c
        return shifted.upper() if c.isupper() else shifted

    return "".join(other(c) for c in known)


def fill(route: Route, values: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], route.template)


@attrs.frozen
class Caller:
    title: str
    user: str
    app: str | None = None


ANOTHER_OWNER = Caller("another owner", "bob")
APP_WITHOUT_GRANT = Caller("an app Alice granted nothing", "alice", "Nosy")
APP_OF_ANOTHER_OWNER = Caller("an app Bob granted everything", "bob", "BobsApp")
# For a route a scope opens, the app Alice granted every other scope; else the one granted all.
APP_WITHOUT_SCOPE = {
    Scope.PROFILE: "NoProfile",
    Scope.ACTIVITY: "NoActivity",
    Scope.LOCATION: "NoLocation",
    None: "Everything",
}


def app_without_the_scope(probe: Probe) -> Caller:
    return Caller("an app Alice granted another scope", "alice", APP_WITHOUT_SCOPE[probe.opens])


def callers_of(probe: Probe) -> list[Caller]:
    return [ANOTHER_OWNER, APP_WITHOUT_GRANT, app_without_the_scope(probe), APP_OF_ANOTHER_OWNER]


@attrs.define
class World:
    api: ApiDriver
    now: datetime
    serial: str
    bobs_serial: str
    alice_id: str = ""
    bob_id: str = ""
    bundle: str = ""
    cms_key: str = ""
    app_request: str = ""  # a developer's request, pending (its decision is for administrators)
    export: str = ""

    @property
    def today(self) -> str:
        return self.now.date().isoformat()

    @property
    def pet(self) -> str:
        return self.api.pet("Rex")

    def ids(self, caller: Caller) -> dict[str, str]:
        """Alice's things, and for a grant route, the calling app's own id (or Nosy's)."""
        return {
            "pet_id": self.pet,
            "serial": self.serial,
            "bundle_id": self.bundle,
            "app_id": self.api.ids[caller.app or "Nosy"],
            "day": self.today,
            "export_id": self.export,
            "name": "alice-phone",
        }

    def unknown_ids(self, caller: Caller) -> dict[str, str]:
        known = self.ids(caller)
        return {k: v if k in NOT_IDS else unknown_like(v) for k, v in known.items()}

    def reading(self, steps: int, minutes_ago: int = 1) -> dict[str, object]:
        time = self.now - timedelta(minutes=minutes_ago)
        return {
            "time": time.isoformat(),
            "steps": steps,
            "latitude": 48.85,
            "longitude": 2.35,
            "battery": 80,
        }


def build_world(api: ApiDriver) -> World:
    run = uuid.uuid4().hex[:6]
    world = World(api, datetime.now(UTC).replace(microsecond=0), f"TRK-A-{run}", f"TRK-B-{run}")
    api.set_time(world.now)
    for user, is_admin in (("alice", False), ("bob", False), ("ops", True)):
        api.add_user(user, admin=is_admin)
    api.register_pet("alice", "dog", "Rex", 30)
    api.register_pet("bob", "cat", "Tom", 4)
    api.pair_tracker("alice", world.serial, "Rex")
    api.pair_tracker("bob", world.bobs_serial, "Tom")
    api.report_readings(world.serial, [world.reading(1200)])
    api.upload_photo("alice", "Rex", PHOTO)
    started = api.call("POST", f"/trackers/{world.serial}/bundles", "alice")
    world.bundle = started["bundle_id"]
    api.register_phone("alice", "ios", "alice-phone")
    world.export = api.request_export("alice")
    _register_apps(api)
    world.alice_id, world.bob_id = (api.call("GET", "/me", u)["id"] for u in ("alice", "bob"))
    world.cms_key = api.create_cms_key()
    api.request_app("Pending", "https://pending.example/callback")
    world.app_request = api.oauth["Pending"].request_id
    return world


def _register_apps(api: ApiDriver) -> None:
    for name in ("Nosy", "NoProfile", "NoActivity", "NoLocation", "Everything", "BobsApp"):
        api.register_app(name)
    for scope, name in APP_WITHOUT_SCOPE.items():
        granted = [s for s in ALL_SCOPES if scope is None or s != scope.value]
        api.grant("alice", name, granted)
    api.grant("bob", "BobsApp", ALL_SCOPES)


def snapshot(world: World, viewer: str = "alice") -> dict[str, Any]:
    """What Alice can see of her things (status and body of each read), to compare after probes."""
    api = world.api
    paths = [
        "/me",
        "/pets",
        "/grants",
        f"/pets/{world.pet}",
        f"/pets/{world.pet}/activity/{world.today}",
        f"/pets/{world.pet}/locations/{world.today}",
        f"/trackers/{world.serial}",
        f"/bundles/{world.bundle}",
        "/trackers/TRK-SPARE",
    ]
    token = {"Authorization": f"Bearer {api.token(viewer)}"}
    seen: dict[str, Any] = {p: _seen(api.send("GET", p, token, b"", {})) for p in paths}
    seen["photo"] = api.download_photo(viewer, "Rex")
    return seen


def _seen(answer: Any) -> tuple[int, bytes]:
    return answer.status, answer.body
