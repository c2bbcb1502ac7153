"""Contract-test harnesses of the Entra adapters: tokens as Entra mints them, users as
Graph lists them, both from the loopback fakes (tests/support/azure_fake_*.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from adapters.azure.graph_user_directory import GraphUserDirectory
from adapters.local.settable_clock import SettableClock
from domain.access import User
from tests.support.azure_fake_entra import FakeEntra
from tests.support.azure_fake_graph import FakeGraph

from .identity import KnownApps, TokenMinter

ADMIN_ROLE = "Pawtrack.Admin"


class EntraTokenMinter(TokenMinter):
    """Delegated v2 access tokens of the fake Entra for the API `audience`, with the contract's
    user ids as object ids (`oid`), through the mobile app or a registered app's client."""

    subject_claim, client_claim, admin_claim, admin_value = "oid", "azp", "roles", ADMIN_ROLE

    def __init__(
        self, entra: FakeEntra, clock: SettableClock, audience: str, mobile_client_id: str
    ) -> None:
        self.entra, self.clock, self.apps = entra, clock, KnownApps()
        self.signing_key, self.kid = entra.signing_key, entra.kid
        self.issuer, self.audience, self.mobile = entra.issuer(), audience, mobile_client_id
        self.key_locations = (entra.netloc,)

    def owner(self, user_id: str) -> str:
        return self.mint(user_id)

    def admin(self, user_id: str) -> str:
        return self.mint(user_id, roles=[ADMIN_ROLE])

    def app(self, user_id: str, app_id: str) -> str:
        self.apps.know(app_id)
        return self.mint(user_id, client_id=app_id)

    def mint(self, user_id: str, **changes: Any) -> str:
        arguments = {"client_id": self.mobile, "audience": self.audience, **changes}
        return self.entra.mint(user_id, now=self.clock.now(), **arguments)

    def retarget(self, claims: Mapping[str, Any], audience: object) -> dict[str, Any]:
        others = {name: value for name, value in claims.items() if name != "aud"}
        return others if audience is None else {**others, "aud": audience}

    def as_id_token(self, claims: Mapping[str, Any]) -> dict[str, Any]:
        """Entra's ID token: for the client that signed in (`aud`), no scopes, no `azp`."""
        dropped = ("scp", "azp", "azpacr", "roles", "uti")
        id_claims = {name: value for name, value in claims.items() if name not in dropped}
        return {**id_claims, "aud": claims["azp"], "nonce": "n-0S6_WzA2Mj"}


class GraphUserHarness:
    """GraphUserDirectory, plus `add` for the contract's sign-ups: the fake Graph's directory
    takes the contract's ids as object ids, and admins get the API's app role."""

    def __init__(self, graph: FakeGraph, directory: GraphUserDirectory) -> None:
        self.graph, self.directory = graph, directory

    def add(self, user: User) -> None:
        self.graph.put_user(user.id, user.name)
        self.graph.assign_admin(user.id, user.is_admin)

    def list_users(self) -> list[User]:
        return self.directory.list_users()

    def remove(self, user_id: str) -> None:
        self.directory.remove(user_id)
