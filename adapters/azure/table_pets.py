"""Pets in Tables: one entity each, replaced under optimistic versioning by its ETag.

An owner's pets are listed from index entities (`OWNER|<owner>` / `PET|<id>`)
written *before* the pet, and each listed id is read from its pet: an index
entity left by a crash or a failed add is skipped, never shown, and a pet is
never stored without its index entity. A pet never changes owner, so the index
needs no other upkeep.
"""

from __future__ import annotations

import json
from datetime import date

from azure.data.tables import TableClient

from adapters.azure.table_entities import Entities, Entity, etag, key, whole
from adapters.safe_zone_codec import zone_json, zone_of
from application.ports.pets import PetRepository
from domain.errors import Conflict, NotFound
from domain.pets import Pet, Species, WeightRecord


class TablePetRepository(PetRepository):
    def __init__(self, table_client: TableClient) -> None:
        self._entities = Entities(table_client)

    def get(self, pet_id: str) -> Pet | None:
        entity = self._entities.get(key("PET", pet_id), "PET")
        return _pet(entity) if entity else None

    def of_owner(self, owner_id: str) -> list[Pet]:
        """One query of the owner's index entities, then a point read of each pet."""
        listed = self._entities.partition(key("OWNER", owner_id), "PET|")
        pets = (self.get(entity["pet_id"]) for entity in listed)
        owned = [pet for pet in pets if pet is not None and pet.owner_id == owner_id]
        return sorted(owned, key=lambda pet: (pet.name, pet.id))

    def add(self, pet: Pet) -> None:
        index = _index(pet)
        self._entities.put(index)
        if not self._entities.create(_entity(pet)):
            stored = self.get(pet.id)
            if stored is not None and stored.owner_id != pet.owner_id:
                self._entities.delete(index["PartitionKey"], index["RowKey"])
            raise Conflict(f"pet {pet.id!r} exists")

    def save(self, pet: Pet) -> None:
        stored = self._entities.get(key("PET", pet.id), "PET")
        if stored is None:
            raise NotFound(f"no pet {pet.id!r}")
        if whole(stored["version"]) != pet.version - 1:
            raise Conflict(f"pet {pet.id!r} changed meanwhile")
        if not self._entities.replace(_entity(pet), etag(stored)):
            if self.get(pet.id) is None:
                raise NotFound(f"no pet {pet.id!r}")
            raise Conflict(f"pet {pet.id!r} changed meanwhile")

    def remove(self, pet_id: str) -> None:
        """The pet, then its index entity (one left by a crash in between is never listed)."""
        pet = self.get(pet_id)
        if pet is not None:
            self._entities.delete(key("PET", pet_id), "PET")
            index = _index(pet)
            self._entities.delete(index["PartitionKey"], index["RowKey"])


def _index(pet: Pet) -> Entity:
    return {
        "PartitionKey": key("OWNER", pet.owner_id),
        "RowKey": key("PET", pet.id),
        "pet_id": pet.id,
    }


def _entity(pet: Pet) -> Entity:
    entity: Entity = {
        "PartitionKey": key("PET", pet.id),
        "RowKey": "PET",
        "id": pet.id,
        "owner_id": pet.owner_id,
        "name": pet.name,
        "species": pet.species.value,
        "weights": json.dumps([{"day": w.day.isoformat(), "kg": w.kg} for w in pet.weights]),
        "version": pet.version,
    }
    if pet.step_goal is not None:
        entity["step_goal"] = pet.step_goal
    if pet.safe_zone is not None:
        entity["safe_zone"] = zone_json(pet.safe_zone)
    return entity


def _pet(entity: Entity) -> Pet:
    weights = tuple(
        WeightRecord(date.fromisoformat(w["day"]), float(w["kg"]))
        for w in json.loads(entity["weights"])
    )
    goal = entity.get("step_goal")
    return Pet(
        id=entity["id"],
        owner_id=entity["owner_id"],
        name=entity["name"],
        species=Species(entity["species"]),
        weights=weights,
        step_goal=None if goal is None else whole(goal),
        version=whole(entity["version"]),
        safe_zone=zone_of(entity.get("safe_zone")),
    )
