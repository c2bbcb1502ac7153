"""Verifies Cognito access tokens against the user pool's JWKS.

The same checks as the local JwtIdentityVerifier (adapters.jwt_checks), in Cognito's words:
RS256 only; key-location headers (`jku`, `x5u`, `jwk`, `x5c`) refused and never fetched; the
pool's issuer exactly; `token_use` "access"; `exp`, `iat` (and `nbf`) against the clock with a
small leeway, a day at most; a non-blank `sub`; `cognito:groups` a list of strings. Cognito
access tokens carry no `aud`: the audience is
`client_id`, which must be the mobile app's client or a registered third-party
app's (the app then acts for the user `sub`). Administrators are in the pool's
"admin" group (`cognito:groups`).

Keys are fetched from the JWKS URL and cached; a token with a key id not in the
cache refreshes them, at most once a minute, so forged key ids cannot make the
verifier hammer Cognito.
"""

from __future__ import annotations

from typing import Any

import jwt

from adapters.jwt_checks import (
    ADMIN_GROUP,
    Fetch,
    SigningKeys,
    app_of,
    check_times,
    checked_header,
    fetched_jwks,
    strings,
    subject,
    verified_claims,
)
from application.ports.access import AppRegistry
from application.ports.clock import Clock
from application.ports.identity import IdentityVerifier
from domain.access import Caller
from domain.errors import Unauthenticated

REQUIRED = ["exp", "iat", "sub", "iss", "client_id", "token_use"]


class CognitoIdentityVerifier(IdentityVerifier):
    def __init__(
        self,
        jwks_url: str,
        issuer: str,
        app_client_id: str,
        apps: AppRegistry,
        clock: Clock,
        fetch: Fetch | None = None,
    ) -> None:
        self._keys = SigningKeys(fetched_jwks(jwks_url, fetch), clock)
        self._issuer, self._app_client_id = issuer, app_client_id
        self._apps, self._clock = apps, clock

    def verify(self, token: str) -> Caller:
        try:
            claims = self._claims(token)
            user_id = subject(claims)
            is_admin = ADMIN_GROUP in strings(claims, "cognito:groups")
        except (jwt.PyJWTError, ValueError, KeyError, TypeError) as error:
            raise Unauthenticated("the bearer token is not valid") from error
        app_id = app_of(claims["client_id"], self._app_client_id, self._apps)
        return Caller(user_id=user_id, app_id=app_id, is_admin=is_admin)

    def _claims(self, token: str) -> dict[str, Any]:
        header = checked_header(token)
        claims = verified_claims(
            token,
            self._keys.key(header.get("kid")),
            require=REQUIRED,
            issuer=self._issuer,  # access tokens have no `aud`: app_of checks `client_id`
        )
        if claims["token_use"] != "access":
            raise ValueError("not an access token of this user pool")
        check_times(claims, self._clock)
        return claims
