"""Owners' settings, in memory."""

from __future__ import annotations

from application.ports.owners import OwnerRepository
from domain.owners import Owner


class InMemoryOwnerRepository(OwnerRepository):
    def __init__(self) -> None:
        self._owners: dict[str, Owner] = {}

    def get(self, owner_id: str) -> Owner:
        return self._owners.get(owner_id) or Owner(owner_id)

    def save(self, owner: Owner) -> None:
        self._owners[owner.id] = owner

    def remove(self, owner_id: str) -> None:
        self._owners.pop(owner_id, None)
