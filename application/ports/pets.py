from __future__ import annotations

import abc

from domain.pets import Pet


class PetRepository(abc.ABC):
    @abc.abstractmethod
    def get(self, pet_id: str) -> Pet | None:
        """The pet, or None when there is none with that id."""

    @abc.abstractmethod
    def of_owner(self, owner_id: str) -> list[Pet]:
        """The owner's pets, ordered by name."""

    @abc.abstractmethod
    def add(self, pet: Pet) -> None:
        """Store a new pet. Raises Conflict when its id is taken."""

    @abc.abstractmethod
    def save(self, pet: Pet) -> None:
        """Store a changed pet whose version is one above the stored one.

        Raises Conflict when the stored version is not `pet.version - 1` (somebody
        changed it in between), and NotFound when the pet is gone.
        """

    @abc.abstractmethod
    def remove(self, pet_id: str) -> None:
        """Delete the pet for good (weights and goal with it). No such pet: nothing happens."""
