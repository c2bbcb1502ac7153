"""The Cognito adapters' own guarantees, beyond their ports: genuine tokens of moto's
Cognito, how the verifier fetches and caches the pool's keys, and how apps and users
map to app clients and pool users."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
import pytest

from adapters.aws.cognito_app_registry import CognitoAppRegistry
from adapters.aws.cognito_identity_verifier import CognitoIdentityVerifier
from adapters.aws.cognito_user_directory import CognitoUserDirectory
from adapters.aws.dynamodb_app_records import DynamoDBAppRecords
from adapters.local.settable_clock import SettableClock
from adapters.system_clock import SystemClock
from domain.access import App, Caller, User
from domain.errors import Unauthenticated
from tests.support import aws

from .harnesses.aws import KnownApps
from .harnesses.identity import rsa_key


@pytest.fixture
def testbed() -> aws.AwsTestbed:
    return aws.provision()


def registry(testbed: aws.AwsTestbed, cognito: Any = None) -> CognitoAppRegistry:
    records = DynamoDBAppRecords(aws.client("dynamodb"), testbed.table)
    return CognitoAppRegistry(cognito or aws.client("cognito-idp"), testbed.user_pool_id, records)


def sub_of(testbed: aws.AwsTestbed, username: str) -> str:
    user = aws.client("cognito-idp").admin_get_user(
        UserPoolId=testbed.user_pool_id, Username=username
    )
    return next(a["Value"] for a in user["UserAttributes"] if a["Name"] == "sub")


def test_tokens_of_moto_are_their_owners_admins_and_apps(testbed: aws.AwsTestbed) -> None:
    apps = registry(testbed)
    vet = apps.register("Vet practice")
    verifier = CognitoIdentityVerifier(
        testbed.jwks_url, testbed.issuer, testbed.app_client_id, apps, SystemClock()
    )
    alice = aws.sign_in(testbed, "alice")
    root = aws.sign_in(testbed, "root", admin=True)
    # moto lets any client use the admin password flow; Cognito would refuse the app's client
    # (it allows refresh tokens only, its users sign in through the hosted UI).
    vet_for_alice = aws.sign_in(testbed, "alice", client_id=vet.id)
    assert verifier.verify(alice) == Caller(sub_of(testbed, "alice"))
    assert verifier.verify(root) == Caller(sub_of(testbed, "root"), is_admin=True)
    assert verifier.verify(vet_for_alice) == Caller(sub_of(testbed, "alice"), app_id=vet.id)


def test_a_token_of_an_app_client_that_is_no_registered_app_is_refused(
    testbed: aws.AwsTestbed,
) -> None:
    cognito = aws.client("cognito-idp")
    stranger = cognito.create_user_pool_client(
        UserPoolId=testbed.user_pool_id,
        ClientName="stranger",
        ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH"],
    )["UserPoolClient"]["ClientId"]
    verifier = CognitoIdentityVerifier(
        testbed.jwks_url, testbed.issuer, testbed.app_client_id, registry(testbed), SystemClock()
    )
    with pytest.raises(Unauthenticated):
        verifier.verify(aws.sign_in(testbed, "alice", client_id=stranger))


# The pool's keys: fetched once, refreshed for an unknown key id at most once a minute.

ISSUER, MOBILE, JWKS_URL = "https://cognito-idp.test/pool", "mobile-client", "https://jwks.test"


class Jwks:
    """The pool's JWKS endpoint: serves the keys it holds and counts the fetches."""

    def __init__(self, *kids: str) -> None:
        self.kids, self.fetches = list(kids), 0

    def __call__(self, url: str) -> bytes:
        assert url == JWKS_URL
        self.fetches += 1
        keys = [
            {
                **json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(rsa_key(kid).public_key())),
                "kid": kid,
            }
            for kid in self.kids
        ]
        return json.dumps({"keys": [{**k, "alg": "RS256", "use": "sig"} for k in keys]}).encode()


def token(clock: SettableClock, kid: str, **more: Any) -> str:
    now = int(clock.now().timestamp())
    claims = {"iss": ISSUER, "sub": "alice", "client_id": MOBILE, "token_use": "access"}
    claims |= {"iat": now, "exp": now + 3600, **more}
    return jwt.encode(claims, rsa_key(kid), algorithm="RS256", headers={"kid": kid})


@pytest.fixture
def clock() -> SettableClock:
    return SettableClock(datetime(2026, 11, 20, 8, 0, tzinfo=UTC))


def verifier_of(jwks: Jwks, clock: SettableClock) -> CognitoIdentityVerifier:
    return CognitoIdentityVerifier(JWKS_URL, ISSUER, MOBILE, KnownApps(), clock, fetch=jwks)


def test_the_keys_are_fetched_once_for_many_tokens(clock: SettableClock) -> None:
    jwks = Jwks("key-1")
    verifier = verifier_of(jwks, clock)
    for _ in range(3):
        assert verifier.verify(token(clock, "key-1")) == Caller("alice")
        clock.advance(timedelta(minutes=5))
    assert jwks.fetches == 1


def test_an_unknown_key_id_refreshes_the_keys_at_most_once_a_minute(clock: SettableClock) -> None:
    jwks = Jwks("key-1")
    verifier = verifier_of(jwks, clock)
    verifier.verify(token(clock, "key-1"))
    for _ in range(5):
        with pytest.raises(Unauthenticated):
            verifier.verify(token(clock, "forged-key"))
    assert jwks.fetches == 1
    clock.advance(timedelta(minutes=1))
    for _ in range(5):
        with pytest.raises(Unauthenticated):
            verifier.verify(token(clock, "forged-key"))
    assert jwks.fetches == 2


def test_a_rotated_key_is_found_by_the_refresh(clock: SettableClock) -> None:
    jwks = Jwks("key-1")
    verifier = verifier_of(jwks, clock)
    verifier.verify(token(clock, "key-1"))
    jwks.kids.append("key-2")
    clock.advance(timedelta(minutes=2))
    assert verifier.verify(token(clock, "key-2")) == Caller("alice")
    assert verifier.verify(token(clock, "key-1")) == Caller("alice")
    assert jwks.fetches == 2


@pytest.mark.parametrize(
    ("groups", "is_admin"),
    [(["admin"], True), (["vets", "admin"], True), (["administrators"], False), ([], False)],
)
def test_administrators_are_the_members_of_the_admin_group(
    clock: SettableClock, groups: object, is_admin: bool
) -> None:
    verifier = verifier_of(Jwks("key-1"), clock)
    caller = verifier.verify(token(clock, "key-1", **{"cognito:groups": groups}))
    assert caller == Caller("alice", is_admin=is_admin)


def test_groups_that_are_not_a_list_of_names_make_the_token_invalid(clock: SettableClock) -> None:
    """A string holding "admin" is not membership (the forged-token matrix tries it too)."""
    verifier = verifier_of(Jwks("key-1"), clock)
    with pytest.raises(Unauthenticated):
        verifier.verify(token(clock, "key-1", **{"cognito:groups": "admins"}))


def test_a_failed_first_fetch_is_tried_again_at_once(clock: SettableClock) -> None:
    jwks, failures = Jwks("key-1"), [OSError("no route to Cognito")]

    def flaky(url: str) -> bytes:
        if failures:
            raise failures.pop()
        return jwks(url)

    verifier = CognitoIdentityVerifier(JWKS_URL, ISSUER, MOBILE, KnownApps(), clock, flaky)
    with pytest.raises(OSError):
        verifier.verify(token(clock, "key-1"))
    assert verifier.verify(token(clock, "key-1")) == Caller("alice")


# Apps are app clients; users are the pool's users.


class CountingCognito:
    """The Cognito client, counting the calls made through it."""

    def __init__(self) -> None:
        self.client, self.calls = aws.client("cognito-idp"), list[str]()

    def __getattr__(self, name: str) -> Any:
        self.calls.append(name)
        return getattr(self.client, name)


def test_an_app_is_an_app_client_and_is_read_from_the_table(testbed: aws.AwsTestbed) -> None:
    cognito = CountingCognito()
    apps = registry(testbed, cognito)
    app = apps.register("Dr. Müller's vets (24/7)")
    client = cognito.client.describe_user_pool_client(
        UserPoolId=testbed.user_pool_id, ClientId=app.id
    )["UserPoolClient"]
    assert client["ClientName"] == "Dr. M-ller-s vets -24-7-"
    assert app.name == "Dr. Müller's vets (24/7)"
    calls = len(cognito.calls)
    assert apps.get(app.id) == app
    assert len(cognito.calls) == calls


class BrokenRecords:
    def put(self, app: App) -> None:
        raise OSError("the table is unreachable")

    def get(self, app_id: str) -> App | None:
        return None


def test_an_app_client_whose_record_cannot_be_stored_is_deleted(testbed: aws.AwsTestbed) -> None:
    cognito = aws.client("cognito-idp")
    apps = CognitoAppRegistry(cognito, testbed.user_pool_id, BrokenRecords())
    with pytest.raises(OSError):
        apps.register("Vet practice")
    clients = cognito.list_user_pool_clients(UserPoolId=testbed.user_pool_id, MaxResults=60)
    assert [c["ClientName"] for c in clients["UserPoolClients"]] == ["mobile"]


def test_users_are_listed_across_pages_with_the_admins_of_every_page(
    testbed: aws.AwsTestbed,
) -> None:
    cognito, pool = aws.client("cognito-idp"), testbed.user_pool_id
    names = [f"user-{number:03}" for number in range(65)]
    for name in names:
        cognito.admin_create_user(UserPoolId=pool, Username=name, MessageAction="SUPPRESS")
    admins = {"user-000", "user-033", "user-064"}
    for name in admins:
        cognito.admin_add_user_to_group(UserPoolId=pool, Username=name, GroupName="admin")
    users = CognitoUserDirectory(cognito, pool).list_users()
    assert [u.name for u in users] == names
    assert {u.name for u in users if u.is_admin} == admins
    assert users[0] == User(sub_of(testbed, "user-000"), "user-000", is_admin=True)
