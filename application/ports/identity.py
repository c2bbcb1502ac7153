from __future__ import annotations

import abc

from domain.access import Caller, User


class IdentityVerifier(abc.ABC):
    @abc.abstractmethod
    def verify(self, token: str) -> Caller:
        """The caller a bearer token stands for. Raises Unauthenticated for any invalid token."""


class UserDirectory(abc.ABC):
    @abc.abstractmethod
    def list_users(self) -> list[User]:
        """Every user of the identity provider, ordered by name."""
