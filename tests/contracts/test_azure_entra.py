"""The Entra adapters' own guarantees, beyond their ports: tenants, delegated tokens only,
the mobile app told from third-party apps, key refreshes, Graph tokens, paging and roles."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import httpx
import jwt
import pytest

from adapters.azure.entra_app_registry import EntraAppRegistry
from adapters.azure.entra_client_credentials import EntraClientCredentials, graph_scope
from adapters.azure.entra_identity_verifier import EntraIdentityVerifier
from adapters.azure.graph_user_directory import GraphUserDirectory
from adapters.local.settable_clock import SettableClock
from adapters.system_clock import SystemClock
from domain.access import App, Caller, User
from domain.errors import Unauthenticated
from tests.support.azure_fake_entra import FakeEntra

from .azure_identity import API_CLIENT_ID, MOBILE_CLIENT_ID, DictAppRecords, GraphTestbed
from .conftest import START
from .harnesses.azure_identity import KnownApps


@pytest.fixture
def entra() -> Iterator[FakeEntra]:
    fake = FakeEntra()
    yield fake
    fake.close()


@pytest.fixture
def testbed() -> Iterator[GraphTestbed]:
    made = GraphTestbed()
    yield made
    made.close()


def verifier(
    entra: FakeEntra, clock: SettableClock, tenants: list[str] | None = None
) -> EntraIdentityVerifier:
    apps = KnownApps()
    apps.apps["vet-app"] = App("vet-app", "Vet")
    return EntraIdentityVerifier(
        entra.jwks_url, entra.url, API_CLIENT_ID, tenants or [entra.tenant], apps, clock,
        mobile_client_id=MOBILE_CLIENT_ID,
    )  # fmt: skip


def token(entra: FakeEntra, oid: str = "oid-1", **changes: object) -> str:
    arguments = {"client_id": MOBILE_CLIENT_ID, "audience": API_CLIENT_ID, "now": START, **changes}
    return entra.mint(oid, **arguments)  # type: ignore[arg-type]


def test_an_allowed_second_tenant_is_trusted_and_another_is_not(entra: FakeEntra) -> None:
    entra.tenants |= {"partner-tenant", "stranger-tenant"}
    check = verifier(entra, SettableClock(START), [entra.tenant, "partner-tenant"])
    assert check.verify(token(entra, tenant="partner-tenant")) == Caller("oid-1")
    with pytest.raises(Unauthenticated):
        check.verify(token(entra, tenant="stranger-tenant"))


@pytest.mark.parametrize(
    "changes",
    [
        {"scp": None, "roles": ["Pawtrack.Admin"]},  # app-only: acts for nobody
        {"client_id": "another-app-of-the-tenant"},  # neither the mobile app nor a registered one
        {"audience": "https://graph.microsoft.com"},
    ],
    ids=["app-only", "unknown-client", "graph-token"],
)
def test_tokens_that_are_no_caller_of_the_api_are_refused(
    entra: FakeEntra, changes: dict[str, object]
) -> None:
    with pytest.raises(Unauthenticated):
        verifier(entra, SettableClock(START)).verify(token(entra, **changes))


def test_a_v1_token_or_an_audience_list_is_refused(entra: FakeEntra) -> None:
    check, claims = verifier(entra, SettableClock(START)), _claims(entra)
    for forged in ({**claims, "ver": "1.0"}, {**claims, "aud": [API_CLIENT_ID]}):
        with pytest.raises(Unauthenticated):
            check.verify(entra.sign(forged))


def test_an_admin_role_must_be_in_the_roles_list(entra: FakeEntra) -> None:
    check = verifier(entra, SettableClock(START))
    with pytest.raises(Unauthenticated):  # a string holding the role is no list of roles
        check.verify(entra.sign({**_claims(entra), "roles": "Pawtrack.Admin"}))
    assert check.verify(token(entra, roles=["Pawtrack.Admin"])).is_admin is True
    assert check.verify(token(entra, client_id="vet-app")) == Caller("oid-1", "vet-app")


def test_unknown_key_ids_refresh_the_keys_at_most_once_a_minute(entra: FakeEntra) -> None:
    clock = SettableClock(START)
    check = verifier(entra, clock)
    check.verify(token(entra))
    rolled = jwt.encode(_claims(entra), entra.signing_key, "RS256", {"kid": "rolled-key"})
    for _ in range(5):
        with pytest.raises(Unauthenticated):
            check.verify(rolled)
    assert entra.key_fetches == 1  # fetched a moment ago: forged key ids wait their minute
    clock.advance(timedelta(minutes=1))
    with pytest.raises(Unauthenticated):
        check.verify(rolled)
    assert entra.key_fetches == 2
    assert check.verify(token(entra)) == Caller("oid-1")


def _claims(entra: FakeEntra) -> dict[str, object]:
    return dict(jwt.decode(token(entra), options={"verify_signature": False}))


def test_the_graph_token_is_fetched_once_and_reused(testbed: GraphTestbed) -> None:
    directory = GraphUserDirectory(testbed.http, testbed.graph.url, testbed.tokens, API_CLIENT_ID)
    directory.list_users()
    directory.list_users()
    assert len(testbed.entra.issued) == 1
    assert testbed.entra.issued[0]["aud"] == testbed.graph.url


def test_a_wrong_client_secret_is_refused(testbed: GraphTestbed) -> None:
    client_id, _ = testbed.entra.add_client(["User.Read.All"])
    tokens = EntraClientCredentials(
        testbed.http, testbed.entra.url, testbed.entra.tenant, client_id, "wrong",
        graph_scope(testbed.graph.url), SystemClock(),
    )  # fmt: skip
    with pytest.raises(httpx.HTTPStatusError):
        tokens()


def test_users_come_from_every_page_and_admins_from_direct_role_assignments(
    testbed: GraphTestbed,
) -> None:
    for number in range(5):
        testbed.graph.put_user(f"u-{number}", f"User {number}" if number else None, "zed@x.example")
    testbed.graph.assign_admin("u-3")
    testbed.graph.assign_admin("a-group", kind="Group")
    directory = GraphUserDirectory(testbed.http, testbed.graph.url, testbed.tokens, API_CLIENT_ID)
    assert directory.list_users() == [
        User("u-1", "User 1"), User("u-2", "User 2"), User("u-3", "User 3", True),
        User("u-4", "User 4"), User("u-0", "zed@x.example"),
    ]  # fmt: skip


def test_without_the_permission_graph_refuses(testbed: GraphTestbed) -> None:
    client_id, secret = testbed.entra.add_client(["Application.Read.All"])
    tokens = EntraClientCredentials(
        testbed.http, testbed.entra.url, testbed.entra.tenant, client_id, secret,
        graph_scope(testbed.graph.url), SystemClock(),
    )  # fmt: skip
    directory = GraphUserDirectory(testbed.http, testbed.graph.url, tokens, API_CLIENT_ID)
    with pytest.raises(httpx.HTTPStatusError, match="403"):
        directory.list_users()


class BrokenRecords(DictAppRecords):
    def put(self, app: App) -> None:
        raise OSError("the table is unavailable")


def test_an_app_whose_record_cannot_be_stored_is_deleted_again(testbed: GraphTestbed) -> None:
    registry = EntraAppRegistry(testbed.http, testbed.graph.url, testbed.tokens, BrokenRecords())
    with pytest.raises(OSError):
        registry.register("Vet practice")
    assert testbed.graph.applications == {}


def test_a_registered_apps_id_is_the_application_client_id(testbed: GraphTestbed) -> None:
    registry = EntraAppRegistry(testbed.http, testbed.graph.url, testbed.tokens, DictAppRecords())
    app = registry.register("Vet practice")
    [created] = testbed.graph.applications.values()
    assert (app.id, app.name) == (created["appId"], created["displayName"])
