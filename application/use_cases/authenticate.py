from __future__ import annotations

import attrs

from application.ports.identity import ErasedAccounts, IdentityVerifier
from domain.access import Caller
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

    def __init__(self, verifier: IdentityVerifier, erased: ErasedAccounts) -> None:
        self._verifier, self._erased = verifier, erased

    def __call__(self, query: AuthenticateQuery) -> Caller:
        if not query.bearer_token:
            raise Unauthenticated("a bearer token is required")
        caller = self._verifier.verify(query.bearer_token)
        if not query.erased_may_finish and self._erased.is_erased(caller.user_id):
            raise Unauthenticated("the account of this token was deleted")
        return caller
