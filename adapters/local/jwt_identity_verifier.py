"""The local identity provider's verifier: RS256 access tokens checked against its JWKS.

The verifier checks what Cognito's and Entra's verifiers check: the algorithm
(RS256 only, never `none` or HMAC), the key id against the JWKS, issuer,
audience, `token_use`, expiry and not-before against the injected clock.
Key-location headers (`jku`, `x5u`, `jwk`) are refused, never fetched.
The tokens are JwtTokenIssuer's (jwt_token_issuer.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import jwt

from adapters.jwt_checks import (
    ADMIN_GROUP,
    check_times,
    checked_header,
    public_key,
    verified_claims,
)
from application.ports.clock import Clock
from application.ports.identity import IdentityVerifier
from domain.access import Caller
from domain.errors import Unauthenticated


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
