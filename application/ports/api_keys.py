from __future__ import annotations

import abc

from domain.api_keys import ApiKey


class ApiKeyRepository(abc.ABC):
    @abc.abstractmethod
    def add(self, key: ApiKey) -> None:
        """Store a new key record (never a plaintext key). Raises Conflict when the prefix is taken."""

    @abc.abstractmethod
    def get(self, prefix: str) -> ApiKey | None:
        """The key record with this public prefix, or None."""

    @abc.abstractmethod
    def save(self, key: ApiKey) -> None:
        """Replace the record with the same prefix (used to revoke)."""

    @abc.abstractmethod
    def all(self) -> list[ApiKey]:
        """Every key record, revoked ones too, ordered by prefix (an operator's listing)."""
