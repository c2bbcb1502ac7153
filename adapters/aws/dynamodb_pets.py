"""Pets in DynamoDB: one item each, replaced under optimistic versioning by a conditional put."""

from __future__ import annotations

from datetime import date
from typing import Any

from botocore.exceptions import ClientError

from adapters.aws.dynamodb_items import Item, Items, condition_failed
from adapters.safe_zone_codec import zone_json, zone_of
from application.ports.pets import PetRepository
from domain.errors import Conflict, NotFound
from domain.pets import Pet, Species, WeightRecord


class DynamoDBPetRepository(PetRepository):
    def __init__(self, client: Any, table: str) -> None:
        self._items = Items(client, table)

    def get(self, pet_id: str) -> Pet | None:
        item = self._items.get(f"PET#{pet_id}", "PET")
        return _pet(item) if item else None

    def of_owner(self, owner_id: str) -> list[Pet]:
        """From the index, so a pet added a moment ago may be missing for that moment."""
        items = self._items.partition(f"OWNER#{owner_id}", "PET#", index="gsi1")
        # Sorted here: no separator in a sort key orders "Rex" before "Rex Jr" as text does.
        return sorted((_pet(item) for item in items), key=lambda pet: (pet.name, pet.id))

    def add(self, pet: Pet) -> None:
        if not self._items.put_new(_item(pet)):
            raise Conflict(f"pet {pet.id!r} exists")

    def save(self, pet: Pet) -> None:
        try:
            self._items.put(
                _item(pet),
                ConditionExpression="version = :previous",
                ExpressionAttributeValues={":previous": {"N": str(pet.version - 1)}},
                ReturnValuesOnConditionCheckFailure="ALL_OLD",
            )
        except ClientError as error:
            if not condition_failed(error):
                raise
            if "Item" not in error.response:
                raise NotFound(f"no pet {pet.id!r}") from error
            raise Conflict(f"pet {pet.id!r} changed meanwhile") from error

    def remove(self, pet_id: str) -> None:
        self._items.delete(f"PET#{pet_id}", "PET")


def _item(pet: Pet) -> Item:
    return {
        "pk": f"PET#{pet.id}",
        "sk": "PET",
        "gsi1pk": f"OWNER#{pet.owner_id}",
        "gsi1sk": f"PET#{pet.id}",
        "id": pet.id,
        "owner_id": pet.owner_id,
        "name": pet.name,
        "species": pet.species.value,
        "weights": [{"day": w.day.isoformat(), "kg": w.kg} for w in pet.weights],
        "step_goal": pet.step_goal,
        "version": pet.version,
        "safe_zone": zone_json(pet.safe_zone),
    }


def _pet(item: Item) -> Pet:
    weights = tuple(
        WeightRecord(date.fromisoformat(w["day"]), float(w["kg"])) for w in item["weights"]
    )
    goal = item.get("step_goal")
    return Pet(
        id=item["id"],
        owner_id=item["owner_id"],
        name=item["name"],
        species=Species(item["species"]),
        weights=weights,
        step_goal=None if goal is None else int(goal),
        version=int(item["version"]),
        safe_zone=zone_of(item.get("safe_zone")),
    )
