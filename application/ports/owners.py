from __future__ import annotations

import abc

from domain.owners import Owner


class OwnerRepository(abc.ABC):
    @abc.abstractmethod
    def get(self, owner_id: str) -> Owner:
        """The owner's settings; an owner who never set any gets the defaults."""

    @abc.abstractmethod
    def save(self, owner: Owner) -> None:
        """Store the owner's settings, replacing earlier ones."""

    @abc.abstractmethod
    def remove(self, owner_id: str) -> None:
        """Delete the owner's settings: `get` gives the defaults again. None stored: nothing."""
