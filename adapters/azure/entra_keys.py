"""Entra's signing keys by key id, fetched from the tenant's JWKS and cached.

A token with a key id not in the cache refreshes them, at most once a minute, so
forged key ids cannot make the verifier hammer Entra. Entra rolls its keys a few
times a year and publishes the next key weeks ahead, so one refresh finds it.
"""

from __future__ import annotations

import json
import threading
import urllib.request
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import jwt

from application.ports.clock import Clock

REFRESH_AT_MOST_EVERY = timedelta(minutes=1)
FETCH_TIMEOUT_SECONDS = 5

Fetch = Callable[[str], bytes]


def fetch_url(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT_SECONDS) as answer:
        data: bytes = answer.read()
        return data


class EntraSigningKeys:
    def __init__(self, jwks_url: str, clock: Clock, fetch: Fetch | None = None) -> None:
        self._url, self._fetch, self._clock = jwks_url, fetch or fetch_url, clock
        self._keys: dict[str, Any] = {}
        self._fetched_at: datetime | None = None
        self._lock = threading.Lock()

    def key(self, kid: object) -> Any:
        """The public key of this id. Raises ValueError for a key Entra does not publish."""
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
