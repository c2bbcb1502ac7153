"""The local identity provider's verifier: RS256 access tokens checked against its JWKS.

The verifier checks what Cognito's and Entra's verifiers check (adapters.jwt_checks): the
token written canonically, RS256 only (never `none` or HMAC), key-location headers (`jku`,
`x5u`, `jwk`) refused and never fetched, the key id against the JWKS, issuer, audience (one
string, exactly), `token_use`, the times against the injected clock, a non-blank subject,
`groups` a list of strings. An app's token names its `client_id`, which must be a registered
app, as Cognito and Entra refuse clients they do not know; the owner's own token names none.
The tokens are JwtTokenIssuer's (jwt_token_issuer.py).
"""

from __future__ import annotations

from typing import Any

import jwt

from adapters.jwt_checks import (
    ADMIN_GROUP,
    Jwks,
    SigningKeys,
    app_of,
    check_times,
    checked_header,
    strings,
    subject,
    verified_claims,
)
from application.ports.access import AppRegistry
from application.ports.clock import Clock
from application.ports.identity import IdentityVerifier
from domain.access import Caller
from domain.errors import Unauthenticated

REQUIRED = ["exp", "iat", "sub", "iss", "aud", "token_use"]


class JwtIdentityVerifier(IdentityVerifier):
    def __init__(
        self, jwks: Jwks, issuer: str, audience: str, apps: AppRegistry, clock: Clock
    ) -> None:
        self._keys = SigningKeys(jwks, clock)
        self._issuer, self._audience, self._apps, self._clock = issuer, audience, apps, clock

    def verify(self, token: str) -> Caller:
        try:
            claims = self._claims(token)
            user_id, is_admin = subject(claims), ADMIN_GROUP in strings(claims, "groups")
        except (jwt.PyJWTError, ValueError, KeyError, TypeError) as error:
            raise Unauthenticated("the bearer token is not valid") from error
        app_id = app_of(claims.get("client_id"), None, self._apps)
        return Caller(user_id=user_id, app_id=app_id, is_admin=is_admin)

    def _claims(self, token: str) -> dict[str, Any]:
        header = checked_header(token)
        claims = verified_claims(
            token,
            self._keys.key(header.get("kid")),
            require=REQUIRED,
            audience=self._audience,
            issuer=self._issuer,
        )
        check_times(claims, self._clock)
        if claims["token_use"] != "access":
            raise ValueError("not an access token")
        return claims
