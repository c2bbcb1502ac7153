"""The local identity provider's token issuer: RS256 access tokens for local users and for
apps acting for them, signed with a key kept in a file (or in memory only).

JwtIdentityVerifier (jwt_identity_verifier.py) verifies them against `jwks()`.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from adapters.jwt_checks import ADMIN_GROUP, ALGORITHM
from application.ports.clock import Clock
from application.ports.identity import TokenIssuer
from domain.access import User


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


class JwtTokenIssuer(TokenIssuer):
    """Signs access tokens for local users and for apps acting for them."""

    def __init__(
        self,
        key: rsa.RSAPrivateKey,
        issuer: str,
        audience: str,
        clock: Clock,
        *,
        enrol: Callable[[User], None] | None = None,
    ) -> None:
        """`enrol` signs a user up in the directory the issuer serves (the local users)."""
        self._enrol = enrol
        self._key, self._issuer, self._audience, self._clock = key, issuer, audience, clock
        self._kid = uuid.uuid5(uuid.NAMESPACE_URL, self.public_jwk()["n"]).hex

    def public_jwk(self) -> dict[str, str]:
        jwk: dict[str, str] = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self._key.public_key()))
        return jwk

    def sign_in(self, user: User, *, app_id: str | None = None) -> str:
        if self._enrol is not None:
            self._enrol(user)
        return self.issue(user.id, is_admin=user.is_admin, app_id=app_id)

    def public_keys(self) -> dict[str, list[dict[str, str]]]:
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
