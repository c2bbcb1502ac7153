from __future__ import annotations

import attrs

from application.ports.identity import IdentityVerifier
from domain.access import Caller
from domain.errors import Unauthenticated


@attrs.frozen
class AuthenticateQuery:
    bearer_token: str | None


class Authenticate:
    """The caller a bearer token stands for; no token or a bad one: Unauthenticated."""

    def __init__(self, verifier: IdentityVerifier) -> None:
        self._verifier = verifier

    def __call__(self, query: AuthenticateQuery) -> Caller:
        if not query.bearer_token:
            raise Unauthenticated("a bearer token is required")
        return self._verifier.verify(query.bearer_token)
