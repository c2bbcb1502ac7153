"""Verifies Cognito access tokens against the user pool's JWKS.

The same checks as the local JwtIdentityVerifier, in Cognito's words: RS256 only;
key-location headers (`jku`, `x5u`, `jwk`, `x5c`) refused and never fetched; the
pool's issuer exactly; `token_use` "access"; `exp` (and `nbf`/`iat`) against the
clock with a small leeway. Cognito access tokens carry no `aud`: the audience is
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
    verified_claims,
)
from application.ports.access import AppRegistry
from application.ports.clock import Clock
from application.ports.identity import IdentityVerifier
from domain.access import Caller
from domain.errors import Unauthenticated


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
        self._keys = SigningKeys(jwks_url, clock, fetch)
        self._issuer, self._app_client_id = issuer, app_client_id
        self._apps, self._clock = apps, clock

    def verify(self, token: str) -> Caller:
        try:
            claims = self._claims(token)
        except (jwt.PyJWTError, ValueError, KeyError, TypeError) as error:
            raise Unauthenticated("the bearer token is not valid") from error
        app_id = app_of(claims["client_id"], self._app_client_id, self._apps)
        groups = claims.get("cognito:groups")
        is_admin = isinstance(groups, list) and ADMIN_GROUP in groups  # not a substring of a str
        return Caller(user_id=claims["sub"], app_id=app_id, is_admin=is_admin)

    def _claims(self, token: str) -> dict[str, Any]:
        header = checked_header(token)
        claims = verified_claims(
            token,
            self._keys.key(header.get("kid")),
            issuer=self._issuer,
            options={
                "require": ["exp", "iat", "sub", "iss", "client_id", "token_use"],
                "verify_aud": False,  # access tokens have none; client_id is checked instead
                "verify_exp": False,
                "verify_nbf": False,
                "verify_iat": False,
            },
        )
        if claims["iss"] != self._issuer or claims["token_use"] != "access":
            raise ValueError("not an access token of this user pool")
        if not isinstance(claims["sub"], str) or not isinstance(claims["client_id"], str):
            raise ValueError("malformed subject or client id")
        check_times(claims, self._clock)
        return claims
