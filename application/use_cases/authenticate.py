from __future__ import annotations

import attrs

from application.ports.apps import Authorizations
from application.ports.clock import Clock
from application.ports.identity import ErasedAccounts, IdentityVerifier
from domain.access import Caller
from domain.apps import ACCESS_TOKEN_PREFIX, LAST_READ_EVERY, digest
from domain.errors import Unauthenticated


@attrs.frozen
class AuthenticateQuery:
    bearer_token: str | None
    # Only the erasure itself takes an erased account's token, so that asking again finishes it.
    erased_may_finish: bool = False


class Authenticate:
    """The caller a bearer token stands for; no token, a bad one or one of an erased account
    (its signature valid or not): Unauthenticated.

    The erased-account check costs one point read of the store per authenticated request
    (a strongly consistent GetItem on DynamoDB, an entity read on Tables, an indexed SELECT
    locally), so a token stops working the moment its owner's account is erased.
    """

    def __init__(
        self,
        verifier: IdentityVerifier,
        erased: ErasedAccounts,
        authorizations: Authorizations,
        clock: Clock,
    ) -> None:
        self._verifier, self._erased = verifier, erased
        self._authorizations, self._clock = authorizations, clock

    def __call__(self, query: AuthenticateQuery) -> Caller:
        if not query.bearer_token:
            raise Unauthenticated("a bearer token is required")
        caller = self._caller(query.bearer_token)
        if not query.erased_may_finish and self._erased.is_erased(caller.user_id):
            raise Unauthenticated("the account of this token was deleted")
        return caller

    def _caller(self, token: str) -> Caller:
        """An identity provider's JWT, or an opaque access token of Pawtrack's authorization
        server (an app acting for an owner who connected it: one read of the token)."""
        if not token.startswith(ACCESS_TOKEN_PREFIX):
            return self._verifier.verify(token)
        now = self._clock.now()
        found = self._authorizations.token(digest(token), "access", now)
        connection = (
            self._authorizations.connection(found.owner_id, found.client_id) if found else None
        )
        if found is None or connection is None or connection.generation != found.generation:
            raise Unauthenticated("the access token is unknown, expired or revoked")
        if connection.last_read is None or now - connection.last_read >= LAST_READ_EVERY:
            self._authorizations.connect(attrs.evolve(connection, last_read=now))
        return Caller(found.owner_id, found.client_id)
