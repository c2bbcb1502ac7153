"""The local issuer's sign-in page as the identity provider of Pawtrack's authorization server
(a laptop, the tests): the page (/oauth/signin) signs a user in by name, as the local issuer
does, and returns to /oauth/login with a code that is the user's local access token."""

from __future__ import annotations

from urllib.parse import urlencode

from application.ports.apps import OwnerSignIn
from application.ports.identity import IdentityVerifier


class LocalOwnerSignIn(OwnerSignIn):
    def __init__(self, base_url: str, verifier: IdentityVerifier) -> None:
        self._base_url, self._verifier = base_url.rstrip("/"), verifier

    def sign_in_url(self, state: str) -> str:
        return f"{self._base_url}/oauth/signin?{urlencode({'state': state})}"

    def owner_of(self, code: str) -> str:
        caller = self._verifier.verify(code)  # Unauthenticated for anything else
        return caller.user_id
