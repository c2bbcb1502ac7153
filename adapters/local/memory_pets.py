from __future__ import annotations

import threading

from application.ports.pets import PetRepository
from domain.errors import Conflict, NotFound
from domain.pets import Pet


class InMemoryPetRepository(PetRepository):
    def __init__(self) -> None:
        self._pets: dict[str, Pet] = {}
        self._lock = threading.Lock()

    def get(self, pet_id: str) -> Pet | None:
        return self._pets.get(pet_id)

    def of_owner(self, owner_id: str) -> list[Pet]:
        return sorted(
            (p for p in self._pets.values() if p.owner_id == owner_id), key=lambda p: (p.name, p.id)
        )

    def add(self, pet: Pet) -> None:
        with self._lock:
            if pet.id in self._pets:
                raise Conflict(f"pet {pet.id!r} exists")
            self._pets[pet.id] = pet

    def save(self, pet: Pet) -> None:
        with self._lock:
            stored = self._pets.get(pet.id)
            if stored is None:
                raise NotFound(f"no pet {pet.id!r}")
            if stored.version != pet.version - 1:
                raise Conflict(f"pet {pet.id!r} changed meanwhile")
            self._pets[pet.id] = pet

    def remove(self, pet_id: str) -> None:
        with self._lock:
            self._pets.pop(pet_id, None)
