from __future__ import annotations

import abc

from domain.announcements import Phone


class PhoneRegistry(abc.ABC):
    @abc.abstractmethod
    def register(self, phone: Phone) -> None:
        """Register the phone; registering a phone of the same owner and name replaces it."""

    @abc.abstractmethod
    def of_owner(self, owner_id: str) -> list[Phone]:
        """The owner's phones, ordered by name."""

    @abc.abstractmethod
    def get(self, owner_id: str, name: str) -> Phone | None:
        """The owner's phone of that name, or None."""

    @abc.abstractmethod
    def remove(self, owner_id: str, name: str) -> None:
        """Forget the owner's phone of that name. None: nothing happens."""

    @abc.abstractmethod
    def remove_all(self, owner_id: str) -> None:
        """Forget every phone of the owner. None: nothing happens."""
