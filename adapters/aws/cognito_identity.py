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

import json
import threading
import urllib.request
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

import jwt

from application.ports.access import AppRegistry
from application.ports.clock import Clock
from application.ports.identity import IdentityVerifier
from domain.access import Caller
from domain.errors import Unauthenticated

ALGORITHM = "RS256"
ADMIN_GROUP = "admin"
LEEWAY = timedelta(seconds=30)
REFRESH_AT_MOST_EVERY = timedelta(minutes=1)
FETCH_TIMEOUT_SECONDS = 5
FORBIDDEN_HEADERS = ("jku", "x5u", "jwk", "x5c", "crit")

Fetch = Callable[[str], bytes]


def fetch_url(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT_SECONDS) as answer:
        data: bytes = answer.read()
        return data


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
        self._keys = JwksCache(jwks_url, fetch or fetch_url, clock)
        self._issuer, self._app_client_id = issuer, app_client_id
        self._apps, self._clock = apps, clock

    def verify(self, token: str) -> Caller:
        try:
            claims = self._claims(token)
        except (jwt.PyJWTError, ValueError, KeyError, TypeError) as error:
            raise Unauthenticated("the bearer token is not valid") from error
        app_id = self._app_of(claims["client_id"])
        groups = claims.get("cognito:groups")
        is_admin = isinstance(groups, list) and ADMIN_GROUP in groups  # not a substring of a str
        return Caller(user_id=claims["sub"], app_id=app_id, is_admin=is_admin)

    def _app_of(self, client_id: str) -> str | None:
        """None for the mobile app (the owner in person), the app id for a registered app."""
        if client_id == self._app_client_id:
            return None
        if self._apps.get(client_id) is None:
            raise Unauthenticated("the bearer token is not valid")
        return client_id

    def _claims(self, token: str) -> dict[str, Any]:
        header = jwt.get_unverified_header(token)
        if header.get("alg") != ALGORITHM or any(name in header for name in FORBIDDEN_HEADERS):
            raise ValueError("unacceptable token header")
        claims: dict[str, Any] = jwt.decode(
            token,
            self._keys.key(header.get("kid")),
            algorithms=[ALGORITHM],
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
        self._check_times(claims)
        return claims

    def _check_times(self, claims: Mapping[str, Any]) -> None:
        now, leeway = self._clock.now().timestamp(), LEEWAY.total_seconds()
        if not isinstance(claims["exp"], int | float) or claims["exp"] < now - leeway:
            raise ValueError("the token has expired")
        not_before = claims.get("nbf", claims["iat"])
        if not isinstance(not_before, int | float) or not_before > now + leeway:
            raise ValueError("the token is not valid yet")


class JwksCache:
    """The pool's signing keys by key id; an unknown id refetches, at most once a minute."""

    def __init__(self, url: str, fetch: Fetch, clock: Clock) -> None:
        self._url, self._fetch, self._clock = url, fetch, clock
        self._keys: dict[str, Any] = {}
        self._fetched_at: datetime | None = None
        self._lock = threading.Lock()

    def key(self, kid: object) -> Any:
        if not isinstance(kid, str):
            raise ValueError("no key id")
        with self._lock:
            if kid not in self._keys and self._may_fetch():
                self._refresh()
            try:
                return self._keys[kid]
            except KeyError:
                raise ValueError("unknown key id") from None

    def _may_fetch(self) -> bool:
        last = self._fetched_at
        if last is None or not self._keys:  # without keys nothing verifies: always try
            return True
        return self._clock.now() - last >= REFRESH_AT_MOST_EVERY

    def _refresh(self) -> None:
        self._fetched_at = self._clock.now()  # a failed refresh also waits its minute
        document = json.loads(self._fetch(self._url))
        self._keys = {
            jwk["kid"]: jwt.algorithms.RSAAlgorithm.from_jwk(jwk)
            for jwk in document.get("keys", [])
            if jwk.get("kty") == "RSA" and jwk.get("use", "sig") == "sig" and "kid" in jwk
        }
