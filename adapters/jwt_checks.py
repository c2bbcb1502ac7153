"""What every access-token verifier checks the same way, whichever identity provider signed.

- The token's text: three base64url segments, each in its one canonical form (no padding, no
  other alphabet, no bits past the data), so that one token cannot be written many ways.
- The header: RS256 only; key-location headers refused, never fetched.
- The signature: PyJWT with `cryptography`, against the provider's JWKS (`SigningKeys`: cached;
  an unknown key id refetches at most once a minute, so forged ids cannot make a verifier
  hammer the provider).
- The claims every provider documents alike: `exp`, `iat` (and `nbf` when present) are numbers
  of seconds, the token already valid and not yet expired at the clock's now (a small leeway
  either way), issued no later than it expires and for at most a day; the subject a non-blank
  string; a list claim (groups, roles) a list of strings.
- The client: the mobile app (the owner in person) or a registered third-party app.
"""

from __future__ import annotations

import json
import re
import threading
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

import jwt
from jwt.types import Options
from jwt.utils import base64url_decode, base64url_encode

from application.ports.access import AppRegistry
from application.ports.clock import Clock
from domain.errors import Unauthenticated

ALGORITHM = "RS256"
LEEWAY = timedelta(seconds=30)
# The longest an access token may live: Cognito's last 5 minutes to 1 day (the app client's
# setting), Entra's 10 minutes to 1 day (a token lifetime policy; 60-90 minutes by default),
# the local issuer's 12 hours.
LONGEST_LIFETIME = timedelta(days=1)
REFRESH_AT_MOST_EVERY = timedelta(minutes=1)
FETCH_TIMEOUT_SECONDS = 5
FORBIDDEN_HEADERS = ("jku", "x5u", "jwk", "x5c", "crit")
# The group of administrators: Cognito's `cognito:groups` and the local issuer's `groups`.
ADMIN_GROUP = "admin"
_SEGMENT = re.compile(r"[A-Za-z0-9_-]*")

Fetch = Callable[[str], bytes]
Jwks = Callable[[], Mapping[str, Any]]


def fetch_url(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT_SECONDS) as answer:
        data: bytes = answer.read()
        return data


def fetched_jwks(url: str, fetch: Fetch | None = None) -> Jwks:
    """The JWKS document at `url`, fetched anew at each call (SigningKeys decides when)."""
    return lambda: json.loads((fetch or fetch_url)(url))


def checked_header(token: str) -> dict[str, Any]:
    """The header of a canonically written token, if it asks for RS256 and names no key location."""
    segments = token.split(".")
    if len(segments) != 3 or not all(_canonical(segment) for segment in segments):
        raise ValueError("a token is three canonical base64url segments")
    header: dict[str, Any] = jwt.get_unverified_header(token)
    if header.get("alg") != ALGORITHM or any(name in header for name in FORBIDDEN_HEADERS):
        raise ValueError("unacceptable token header")
    return header


def _canonical(segment: str) -> bool:
    if not _SEGMENT.fullmatch(segment) or len(segment) % 4 == 1:
        return False
    return base64url_encode(base64url_decode(segment)).decode() == segment


def verified_claims(
    token: str,
    key: jwt.PyJWK,
    *,
    require: Sequence[str],
    issuer: str | None = None,
    audience: str | None = None,
) -> dict[str, Any]:
    """The token's claims, if its RS256 signature is the key's (of 2048 bits or more) and the
    `require`d claims are there; `iss` exactly `issuer`, `aud` exactly the one string `audience`
    (None: the verifier checks that claim itself). Times are `check_times`' to check."""
    options: Options = {
        "require": list(require),
        "verify_exp": False,
        "verify_nbf": False,
        "verify_iat": False,
        "verify_iss": issuer is not None,
        "verify_aud": audience is not None,
        "strict_aud": audience is not None,
        "enforce_minimum_key_length": True,
    }
    claims: dict[str, Any] = jwt.decode(
        token, key, algorithms=[ALGORITHM], options=options, issuer=issuer, audience=audience
    )
    return claims


def check_times(claims: Mapping[str, Any], clock: Clock) -> None:
    """Issued (`iat`, and `nbf` when present) no later than now, unexpired, and living at most
    LONGEST_LIFETIME; each time a number of seconds. A small leeway either way."""
    now, leeway = clock.now().timestamp(), LEEWAY.total_seconds()
    issued, expires = _seconds(claims, "iat"), _seconds(claims, "exp")
    starts = [issued] + ([_seconds(claims, "nbf")] if "nbf" in claims else [])
    if expires < now - leeway:
        raise ValueError("the token has expired")
    if max(starts) > now + leeway:
        raise ValueError("the token is not valid yet")
    if not issued < expires <= issued + LONGEST_LIFETIME.total_seconds():
        raise ValueError("the token's lifetime is not one its issuer gives")


def _seconds(claims: Mapping[str, Any], name: str) -> float:
    value = claims[name]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} is not a time")
    return float(value)


def subject(claims: Mapping[str, Any], name: str = "sub") -> str:
    """The claim that names the caller: a string of visible characters, never blank."""
    value = claims[name]
    if not isinstance(value, str) or not value.isprintable() or not value.strip():
        raise ValueError(f"{name} does not name a user")
    return value


def strings(claims: Mapping[str, Any], name: str) -> list[str]:
    """A list claim (groups, roles): absent is empty; anything but a list of strings is refused,
    so that a string holding a group's name is never read as membership."""
    value = claims.get(name, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{name} is not a list of strings")
    return value


def app_of(client_id: object, mobile_client_id: str | None, apps: AppRegistry) -> str | None:
    """None for the mobile app (the owner in person), the app id for a registered app; any
    other client, an empty one included, is not one of Pawtrack's (Unauthenticated)."""
    if client_id == mobile_client_id:
        return None
    if not isinstance(client_id, str) or not client_id or apps.get(client_id) is None:
        raise Unauthenticated("the bearer token is not valid")
    return client_id


class SigningKeys:
    """A provider's RS256 signing keys by key id, from its JWKS document."""

    def __init__(self, jwks: Jwks, clock: Clock) -> None:
        self._jwks, self._clock = jwks, clock
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at: datetime | None = None
        self._lock = threading.Lock()

    def key(self, kid: object) -> jwt.PyJWK:
        """The public key of this id. Raises ValueError for a key the provider does not publish."""
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
        keys = {}
        for jwk in self._jwks().get("keys", []):
            if jwk.get("kty") == "RSA" and jwk.get("use", "sig") == "sig" and "kid" in jwk:
                try:
                    keys[jwk["kid"]] = jwt.PyJWK(jwk, algorithm=ALGORITHM)
                except jwt.PyJWTError:  # a key we cannot use verifies nothing; the others do
                    continue
        self._keys = keys
