"""Pets, their species rules and their weight history."""

from __future__ import annotations

import enum
import uuid
from datetime import date
from typing import TYPE_CHECKING

import attrs

from domain.errors import Conflict, InvalidInput
from domain.numbers import is_number, is_whole
from domain.values import choice, text

if TYPE_CHECKING:
    from domain.safe_zones import SafeZone

MAX_NAME_LENGTH = 60
MAX_WEIGHT_KG = 150.0
MAX_STEP_GOAL = 100_000


class Species(enum.Enum):
    DOG = "dog"
    CAT = "cat"

    @property
    def default_step_goal(self) -> int:
        return {Species.DOG: 8000, Species.CAT: 3000}[self]

    @property
    def stride_m(self) -> float:
        return {Species.DOG: 0.4, Species.CAT: 0.2}[self]

    @classmethod
    def parse(cls, value: object) -> Species:
        return choice(cls, value, "species")


def checked_weight(value: object, field: str = "weight_kg") -> float:
    if not is_number(value) or not 0 < value <= MAX_WEIGHT_KG:
        raise InvalidInput(field, f"{field} must be a number above 0 and at most {MAX_WEIGHT_KG}")
    return float(value)


def checked_name(value: object) -> str:
    return text(value, "name", MAX_NAME_LENGTH)


def checked_goal(value: object) -> int:
    if not is_whole(value) or not 1 <= value <= MAX_STEP_GOAL:
        raise InvalidInput("daily_step_goal", f"daily_step_goal must be 1 to {MAX_STEP_GOAL}")
    return value


@attrs.frozen
class WeightRecord:
    day: date
    kg: float


@attrs.frozen
class Pet:
    """A pet. Changes return a new Pet with the version counted up (optimistic concurrency)."""

    id: str
    owner_id: str
    name: str
    species: Species
    weights: tuple[WeightRecord, ...]
    step_goal: int | None = None
    version: int = 1
    safe_zone: SafeZone | None = None

    @classmethod
    def register(cls, owner_id: str, name: str, species: Species, kg: float, today: date) -> Pet:
        return cls(uuid.uuid4().hex, owner_id, name, species, (WeightRecord(today, kg),))

    @property
    def daily_step_goal(self) -> int:
        return self.step_goal if self.step_goal is not None else self.species.default_step_goal

    @property
    def latest_weight(self) -> WeightRecord:
        return self.weights[-1]

    def weight_recorded_by(self, day: date) -> WeightRecord | None:
        """The latest record made on or before `day`."""
        earlier = [record for record in self.weights if record.day <= day]
        return earlier[-1] if earlier else None

    def record_weight(self, day: date, kg: float) -> Pet:
        """One record per day: a new record for a day replaces that day's record."""
        others = [record for record in self.weights if record.day != day]
        weights = tuple(sorted([*others, WeightRecord(day, kg)], key=lambda record: record.day))
        return attrs.evolve(self, weights=weights, version=self.version + 1)

    def set_step_goal(self, steps: int) -> Pet:
        return attrs.evolve(self, step_goal=steps, version=self.version + 1)

    def set_safe_zone(self, zone: SafeZone | None) -> Pet:
        """Draw, move or (None) remove the pet's safe zone."""
        return attrs.evolve(self, safe_zone=zone, version=self.version + 1)

    def refuse_stale(self, expected_versions: frozenset[int] | None) -> None:
        """Conflict when a change was made on a copy that is no longer this version (None:
        the caller named no version, any will do)."""
        if expected_versions is not None and self.version not in expected_versions:
            named = ", ".join(str(v) for v in sorted(expected_versions)) or "none"
            raise Conflict(
                f"the pet is at version {self.version}; the change names version {named}"
            )
