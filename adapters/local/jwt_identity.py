"""The local identity provider: an RS256 token issuer and a verifier that reads its JWKS.

The verifier checks what Cognito's and Entra's verifiers check: the algorithm
(RS256 only, never `none` or HMAC), the key id against the JWKS, issuer,
audience, `token_use`, expiry and not-before against the injected clock.
Key-location headers (`jku`, `x5u`, `jwk`) are refused, never fetched.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from adapters.jwt_checks import ALGORITHM, check_times, checked_header, public_key, verified_claims
from application.ports.clock import Clock
from application.ports.identity import IdentityVerifier
from domain.access import Caller
from domain.errors import Unauthenticated

ADMIN_GROUP = "admin"


def load_or_create_key(path: Path | None) -> rsa.RSAPrivateKey:
    """The signing key, kept in a 0600 PEM file so tokens survive restarts; None: in memory only."""
    if path is not None and path.exists():
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        assert isinstance(key, rsa.RSAPrivateKey)
        return key
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        path.touch(mode=0o600)
        path.write_bytes(pem)
    return key


class LocalTokenIssuer:
    """Signs access tokens for local users and for apps acting for them."""

    def __init__(self, key: rsa.RSAPrivateKey, issuer: str, audience: str, clock: Clock) -> None:
        self._key, self._issuer, self._audience, self._clock = key, issuer, audience, clock
        self._kid = uuid.uuid5(uuid.NAMESPACE_URL, self.public_jwk()["n"]).hex

    def public_jwk(self) -> dict[str, str]:
        jwk: dict[str, str] = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self._key.public_key()))
        return jwk

    def jwks(self) -> dict[str, list[dict[str, str]]]:
        return {"keys": [{**self.public_jwk(), "kid": self._kid, "alg": ALGORITHM, "use": "sig"}]}

    def issue(
        self,
        user_id: str,
        *,
        is_admin: bool = False,
        app_id: str | None = None,
        lifetime: timedelta = timedelta(hours=12),
    ) -> str:
        now = self._clock.now()
        claims: dict[str, Any] = {
            "iss": self._issuer,
            "aud": self._audience,
            "sub": user_id,
            "token_use": "access",
            "iat": int(now.timestamp()),
            "nbf": int(now.timestamp()),
            "exp": int((now + lifetime).timestamp()),
            "jti": uuid.uuid4().hex,
            "groups": [ADMIN_GROUP] if is_admin else [],
        }
        if app_id is not None:
            claims["client_id"] = app_id
        return jwt.encode(claims, self._key, algorithm=ALGORITHM, headers={"kid": self._kid})


class JwtIdentityVerifier(IdentityVerifier):
    def __init__(
        self,
        jwks: Callable[[], Mapping[str, Any]],
        issuer: str,
        audience: str,
        clock: Clock,
    ) -> None:
        self._jwks, self._issuer, self._audience, self._clock = jwks, issuer, audience, clock

    def verify(self, token: str) -> Caller:
        try:
            claims = self._claims(token)
        except (jwt.PyJWTError, ValueError, KeyError, TypeError) as error:
            raise Unauthenticated("the bearer token is not valid") from error
        return Caller(
            user_id=claims["sub"],
            app_id=claims.get("client_id"),
            is_admin=ADMIN_GROUP in (claims.get("groups") or []),
        )

    def _claims(self, token: str) -> dict[str, Any]:
        header = checked_header(token)
        key = self._key(header.get("kid"))
        claims = verified_claims(
            token,
            key,
            audience=self._audience,
            issuer=self._issuer,
            options={
                "require": ["exp", "iat", "sub", "iss", "aud"],
                "verify_exp": False,
                "verify_nbf": False,
                "verify_iat": False,
            },
        )
        check_times(claims, self._clock)
        if claims.get("token_use") != "access" or not isinstance(claims["sub"], str):
            raise ValueError("not an access token")
        return claims

    def _key(self, kid: object) -> Any:
        for jwk in self._jwks().get("keys", []):
            if jwk.get("kid") == kid:
                return public_key(jwk)
        raise ValueError("unknown key id")
