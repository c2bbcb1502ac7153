"""The entities of the Tables activity ledger, in the pet's partition `PET|<pet>`.

A pet-day is the entity `DAY|<day>`: its totals (`steps`, `readings`), per tracker the time of
its newest reading, its newest position and battery level (`trackers`, JSON), and the day's
readings packed (adapters/reading_pack.py: segments naming their tracker and origin, joined)
in binary properties `r0`, `r1`, ... of at most 64 KiB each. A day whose readings outgrow one
entity (1 MB: some 50,000 readings) goes on in part entities `DAY|<day>|P1`, ... in the same
partition, written with it in one entity-group transaction. Tables bills a request whatever
its size, so a write of the pet-day rewrites it whole: one request, atomic.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

import attrs

from adapters.azure.table_entities import Entity, int64, key, whole
from adapters.reading_pack import Segment, base_of, split, unpack
from domain.activity import DayTotals

PIECE = 64 * 1024  # the most a binary property holds
PIECES_PER_ENTITY = 14  # and the totals: under an entity's 1 MB


def pet_partition(pet_id: str) -> str:
    return key("PET", pet_id)


def day_row(day: date) -> str:
    return f"DAY|{day.isoformat()}"


def day_of(entity: Entity) -> date:
    return date.fromisoformat(entity["RowKey"].split("|")[1])


def is_day(entity: Entity) -> bool:
    """A pet-day's entity, not one of its parts."""
    return bool(entity["RowKey"].count("|") == 1)


@attrs.frozen
class PetDay:
    """A pet-day as its entities hold it; `etag` None: not stored yet."""

    totals: DayTotals = DayTotals()
    trackers: dict[str, dict[str, Any]] = attrs.Factory(dict)
    data: bytes = b""
    parts: int = 0
    etag: str | None = None

    @classmethod
    def of(cls, entities: Iterable[Entity]) -> PetDay:
        ordered = sorted(entities, key=lambda e: (not is_day(e), _part(e)))
        if not ordered or not is_day(ordered[0]):
            return cls()
        main = ordered[0]
        pieces = [
            bytes(e[f"r{n}"]) for e in ordered for n in range(PIECES_PER_ENTITY) if f"r{n}" in e
        ]
        return cls(
            cls.totals_of(main),
            cls.trackers_of(main),
            b"".join(pieces),
            whole(main.get("parts", 0)),
            str(main.metadata["etag"]),  # type: ignore[attr-defined]
        )

    @staticmethod
    def totals_of(entity: Entity) -> DayTotals:
        return DayTotals(whole(entity["steps"]), whole(entity["readings"]))

    @staticmethod
    def trackers_of(entity: Entity) -> dict[str, dict[str, Any]]:
        """Per tracker: `w` its newest reading's time, `p` [time, latitude, longitude] of its
        newest position, `b` [time, percent] of its newest battery level (microseconds)."""
        found: dict[str, dict[str, Any]] = json.loads(entity.get("trackers") or "{}")
        return found

    def segments(self, day: date) -> list[Segment]:
        base = base_of(day)
        return [unpack(data, base) for data in split(self.data)]

    def entities(self, pk: str, day: date) -> list[Entity]:
        """The pet-day's entities: the day's, then its parts."""
        pieces = [self.data[at : at + PIECE] for at in range(0, len(self.data), PIECE)]
        groups = [
            pieces[at : at + PIECES_PER_ENTITY] for at in range(0, len(pieces), PIECES_PER_ENTITY)
        ]
        groups = groups or [[]]
        main: Entity = {
            "PartitionKey": pk,
            "RowKey": day_row(day),
            "steps": int64(self.totals.steps),
            "readings": self.totals.readings,
            "trackers": json.dumps(self.trackers, separators=(",", ":")),
            "parts": len(groups) - 1,
        }
        entities = [main]
        for number, group in enumerate(groups):
            if number:
                entities.append({"PartitionKey": pk, "RowKey": f"{day_row(day)}|P{number}"})
            entities[-1] |= {f"r{n}": piece for n, piece in enumerate(group)}
        return entities


def _part(entity: Entity) -> int:
    row = entity["RowKey"]
    return int(row.rsplit("|P", 1)[1]) if row.count("|") == 2 else 0
