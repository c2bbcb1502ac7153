"""Contract-test harness: tokens as each identity provider mints them, and the key material to forge them."""

from __future__ import annotations

import abc
import functools
from collections.abc import Mapping
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from adapters.local.jwt_identity_verifier import JwtIdentityVerifier
from adapters.local.jwt_token_issuer import JwtTokenIssuer
from adapters.local.settable_clock import SettableClock
from application.ports.access import AppRegistry
from domain.access import App


@functools.cache
def rsa_key(name: str) -> rsa.RSAPrivateKey:
    """One 2048-bit key per name for the whole run (generating one costs ~0.1 s)."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class KnownApps(AppRegistry):
    """The third-party apps the contract's tokens name (their ids are the contract's, such as
    "app-1"; each provider's AppRegistry, whose ids the provider assigns, has its own suite)."""

    def __init__(self) -> None:
        self.apps: dict[str, App] = {}

    def register(self, name: str) -> App:
        raise NotImplementedError("the contract's apps are known, not registered")

    def get(self, app_id: str) -> App | None:
        return self.apps.get(app_id)

    def know(self, app_id: str) -> None:
        self.apps.setdefault(app_id, App(app_id, f"App {app_id}"))


class TokenMinter(abc.ABC):
    """Tokens as one identity provider issues them, and what it signs them with.

    The key, key id, issuer and audience are the ones the verifier under test trusts,
    so that a test can craft a token that differs from a valid one in one respect.
    """

    clock: SettableClock
    signing_key: rsa.RSAPrivateKey
    kid: str
    issuer: str
    audience: str
    # Where the verifier may fetch its own keys from (host:port); any other fetch is an attack.
    key_locations: tuple[str, ...] = ()
    # The provider's names of the claims that say who calls: the user the caller is, the client
    # the token was issued to, and the list that makes an administrator (with its admin value).
    subject_claim = "sub"
    client_claim = "client_id"
    admin_claim = "groups"
    admin_value = "admin"

    @abc.abstractmethod
    def owner(self, user_id: str) -> str:
        """A valid access token of an owner."""

    @abc.abstractmethod
    def admin(self, user_id: str) -> str:
        """A valid access token of an administrator."""

    @abc.abstractmethod
    def app(self, user_id: str, app_id: str) -> str:
        """A valid access token of an app acting for the owner `user_id`."""

    @abc.abstractmethod
    def retarget(self, claims: Mapping[str, Any], audience: object) -> dict[str, Any]:
        """The claims meant for another audience (None: for no audience at all)."""

    @abc.abstractmethod
    def as_id_token(self, claims: Mapping[str, Any]) -> dict[str, Any]:
        """The claims of the ID token the provider would issue beside the access token."""

    def claims(self, user_id: str) -> dict[str, Any]:
        """What a valid owner token claims, read from one (signature unchecked)."""
        claims: dict[str, Any] = jwt.decode(
            self.owner(user_id), options={"verify_signature": False}
        )
        return claims

    @property
    def public_pem(self) -> bytes:
        return self.signing_key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )


class LocalTokenMinter(TokenMinter):
    """The local identity provider: JwtTokenIssuer signs, JwtIdentityVerifier reads its JWKS."""

    issuer = "http://127.0.0.1:8000"
    audience = "pawtrack"

    def __init__(self, clock: SettableClock) -> None:
        self.clock, self.signing_key, self.apps = clock, rsa_key("local issuer"), KnownApps()
        self.local_issuer = JwtTokenIssuer(self.signing_key, self.issuer, self.audience, clock)
        self.kid = self.local_issuer.public_keys()["keys"][0]["kid"]

    def verifier(self) -> JwtIdentityVerifier:
        return JwtIdentityVerifier(
            self.local_issuer.public_keys, self.issuer, self.audience, self.apps, self.clock
        )

    def owner(self, user_id: str) -> str:
        return self.local_issuer.issue(user_id)

    def admin(self, user_id: str) -> str:
        return self.local_issuer.issue(user_id, is_admin=True)

    def app(self, user_id: str, app_id: str) -> str:
        self.apps.know(app_id)
        return self.local_issuer.issue(user_id, app_id=app_id)

    def retarget(self, claims: Mapping[str, Any], audience: object) -> dict[str, Any]:
        others = {name: value for name, value in claims.items() if name != "aud"}
        return others if audience is None else {**others, "aud": audience}

    def as_id_token(self, claims: Mapping[str, Any]) -> dict[str, Any]:
        return {**claims, "token_use": "id"}
