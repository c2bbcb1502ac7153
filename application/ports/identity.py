from __future__ import annotations

import abc

from domain.access import Caller, User


class IdentityVerifier(abc.ABC):
    @abc.abstractmethod
    def verify(self, token: str) -> Caller:
        """The caller a bearer token stands for. Raises Unauthenticated for any invalid token."""


class TokenIssuer(abc.ABC):
    """An identity provider that signs users in on Pawtrack's word: the local issuer (a laptop,
    the tests). Cognito and Entra sign in their own users, so the clouds' providers have none."""

    @abc.abstractmethod
    def sign_in(self, user: User, *, app_id: str | None = None) -> str:
        """Make the user known to the provider's directory (a sign-up, or a new name and role)
        and return an access token for them, or for app `app_id` acting for them."""

    @abc.abstractmethod
    def public_keys(self) -> dict[str, list[dict[str, str]]]:
        """The JSON Web Key Set that verifies the tokens it signs."""


class UserDirectory(abc.ABC):
    @abc.abstractmethod
    def list_users(self) -> list[User]:
        """Every user of the identity provider, ordered by name."""

    @abc.abstractmethod
    def remove(self, user_id: str) -> None:
        """Delete the user from the identity provider: they can no longer sign in. Unknown: nothing.
        Tokens issued before stay valid to their expiry: ErasedAccounts refuses them."""


class ErasedAccounts(abc.ABC):
    """Accounts whose owner deleted them: their tokens are refused from then on, though their
    signatures stay valid until they expire."""

    @abc.abstractmethod
    def mark(self, user_id: str) -> None:
        """Remember for good that the account was erased (a digest of its id, not the id)."""

    @abc.abstractmethod
    def finished(self, user_id: str) -> None:
        """Everything of the account is erased: the store drops the copies of deleted data it
        keeps where readers of it would find them (SQLite's write-ahead log); most keep none."""

    @abc.abstractmethod
    def is_erased(self, user_id: str) -> bool:
        """Whether the account was erased; read on every authenticated request, so one point read."""
