"""What every access-token verifier checks the same way, whichever identity provider signed:
the header (RS256 only; key-location headers refused, never fetched), the signing keys of
the provider's JWKS (cached; an unknown key id refetches at most once a minute, so forged
ids cannot make a verifier hammer the provider), the token's times against the clock, and
whether the client is the mobile app or a registered third-party app.

Signatures are verified with python-rsa (RSASSA-PKCS1-v1_5 with SHA-256 is all RS256 is), and
PyJWT checks the claims: verifying needs no `cryptography` wheel, which is most of a Lambda
package (4.7 of its 8.5 MB zipped) and of its cold start. Only the local issuer signs, with
cryptography, and it never runs in a cloud function.
"""

from __future__ import annotations

import base64
import json
import threading
import urllib.request
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

import jwt
import rsa
from jwt.algorithms import Algorithm

from application.ports.access import AppRegistry
from application.ports.clock import Clock
from domain.errors import Unauthenticated

ALGORITHM = "RS256"
LEEWAY = timedelta(seconds=30)
REFRESH_AT_MOST_EVERY = timedelta(minutes=1)
FETCH_TIMEOUT_SECONDS = 5
FORBIDDEN_HEADERS = ("jku", "x5u", "jwk", "x5c", "crit")
# The group of administrators: Cognito's `cognito:groups` and the local issuer's `groups`.
ADMIN_GROUP = "admin"

Fetch = Callable[[str], bytes]


def fetch_url(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT_SECONDS) as answer:
        data: bytes = answer.read()
        return data


def checked_header(token: str) -> dict[str, Any]:
    """The token's header, if it asks for RS256 and names no key location."""
    header: dict[str, Any] = jwt.get_unverified_header(token)
    if header.get("alg") != ALGORITHM or any(name in header for name in FORBIDDEN_HEADERS):
        raise ValueError("unacceptable token header")
    return header


class PythonRsaRS256(Algorithm):
    """RS256 for PyJWT, verify only, on python-rsa's public keys."""

    def prepare_key(self, key: Any) -> rsa.PublicKey:
        if not isinstance(key, rsa.PublicKey):
            raise ValueError("an RS256 key must be an RSA public key")
        return key

    def verify(self, msg: bytes, key: Any, sig: bytes) -> bool:
        try:
            return rsa.verify(msg, sig, key) == "SHA-256"
        except rsa.VerificationError:
            return False

    def sign(self, msg: bytes, key: Any) -> bytes:
        raise NotImplementedError("verification only")

    @staticmethod
    def to_jwk(key_obj: Any, as_dict: bool = False) -> Any:
        raise NotImplementedError("verification only")

    @staticmethod
    def from_jwk(jwk: str | dict[str, Any]) -> rsa.PublicKey:
        return public_key(json.loads(jwk) if isinstance(jwk, str) else jwk)


def _integer(value: object) -> int:
    if not isinstance(value, str) or not value:
        raise ValueError("malformed RSA key")
    return int.from_bytes(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)), "big")


def public_key(jwk: Mapping[str, Any]) -> rsa.PublicKey:
    """The RSA public key of a JWK (kty RSA: modulus n, exponent e)."""
    if jwk.get("kty") != "RSA":
        raise ValueError("not an RSA key")
    return rsa.PublicKey(_integer(jwk.get("n")), _integer(jwk.get("e")))


_SIGNATURES = jwt.PyJWS(algorithms=[])
_SIGNATURES.register_algorithm(ALGORITHM, PythonRsaRS256())


def verified_claims(
    token: str, key: rsa.PublicKey, *, options: Mapping[str, Any], **expected: Any
) -> dict[str, Any]:
    """The token's claims, if its RS256 signature is the key's; `options` and `expected`
    (issuer, audience) as jwt.decode takes them, issuer and audience checked unless turned off."""
    # A python-rsa key, which the registered PythonRsaRS256 algorithm takes (PyJWT's stubs name only its own key types).
    _SIGNATURES.decode_complete(token, key=key, algorithms=[ALGORITHM])  # type: ignore[arg-type]
    checks = {"verify_iss": True, "verify_aud": True, **options, "verify_signature": False}
    claims: dict[str, Any] = jwt.decode(token, options=checks, **expected)  # type: ignore[arg-type]
    return claims


def check_times(claims: Mapping[str, Any], clock: Clock, not_before: str = "nbf") -> None:
    """Unexpired and already valid at the clock's now, with a small leeway either way."""
    now, leeway = clock.now().timestamp(), LEEWAY.total_seconds()
    if not isinstance(claims["exp"], int | float) or claims["exp"] < now - leeway:
        raise ValueError("the token has expired")
    start = claims.get(not_before, claims.get("iat"))
    if not isinstance(start, int | float) or start > now + leeway:
        raise ValueError("the token is not valid yet")


def app_of(client_id: str, mobile_client_id: str, apps: AppRegistry) -> str | None:
    """None for the mobile app (the owner in person), the app id for a registered app."""
    if client_id == mobile_client_id:
        return None
    if apps.get(client_id) is None:
        raise Unauthenticated("the bearer token is not valid")
    return client_id


class SigningKeys:
    """A provider's signing keys by key id, from its JWKS."""

    def __init__(self, url: str, clock: Clock, fetch: Fetch | None = None) -> None:
        self._url, self._fetch, self._clock = url, fetch or fetch_url, clock
        self._keys: dict[str, Any] = {}
        self._fetched_at: datetime | None = None
        self._lock = threading.Lock()

    def key(self, kid: object) -> Any:
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
        document = json.loads(self._fetch(self._url))
        self._keys = {
            jwk["kid"]: public_key(jwk)
            for jwk in document.get("keys", [])
            if jwk.get("kty") == "RSA" and jwk.get("use", "sig") == "sig" and "kid" in jwk
        }
