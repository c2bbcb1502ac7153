"""Pets in SQLite, their weight history as a JSON column, changed under optimistic versioning."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

from adapters.local.sqlite_db import SqliteDatabase
from adapters.safe_zone_codec import zone_json, zone_of
from application.ports.pets import PetRepository
from domain.errors import Conflict, NotFound
from domain.pets import Pet, Species, WeightRecord

COLUMNS = "id, owner_id, name, species, weights, step_goal, version, safe_zone"


class SqlitePetRepository(PetRepository):
    def __init__(self, db: SqliteDatabase) -> None:
        self._db = db

    def get(self, pet_id: str) -> Pet | None:
        row = self._db.read_one(f"SELECT {COLUMNS} FROM pets WHERE id = ?", (pet_id,))
        return _pet(row) if row else None

    def of_owner(self, owner_id: str) -> list[Pet]:
        rows = self._db.read(
            f"SELECT {COLUMNS} FROM pets WHERE owner_id = ? ORDER BY name, id", (owner_id,)
        )
        return [_pet(row) for row in rows]

    def add(self, pet: Pet) -> None:
        try:
            self._db.run(f"INSERT INTO pets ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", _row(pet))
        except sqlite3.IntegrityError as error:
            raise Conflict(f"pet {pet.id!r} exists") from error

    def save(self, pet: Pet) -> None:
        with self._db.write() as tx:
            changed = tx.execute(
                "UPDATE pets SET owner_id = ?, name = ?, species = ?, weights = ?, step_goal = ?,"
                " version = ?, safe_zone = ? WHERE id = ? AND version = ?",
                (*_row(pet)[1:], pet.id, pet.version - 1),
            ).rowcount
            if changed:
                return
            if tx.execute("SELECT 1 FROM pets WHERE id = ?", (pet.id,)).fetchone() is None:
                raise NotFound(f"no pet {pet.id!r}")
            raise Conflict(f"pet {pet.id!r} changed meanwhile")

    def remove(self, pet_id: str) -> None:
        self._db.run("DELETE FROM pets WHERE id = ?", (pet_id,))


def _row(pet: Pet) -> tuple[object, ...]:
    weights = json.dumps([[record.day.isoformat(), record.kg] for record in pet.weights])
    return (
        pet.id,
        pet.owner_id,
        pet.name,
        pet.species.value,
        weights,
        pet.step_goal,
        pet.version,
        zone_json(pet.safe_zone),
    )


def _pet(row: sqlite3.Row) -> Pet:
    weights = tuple(
        WeightRecord(date.fromisoformat(day), kg) for day, kg in json.loads(row["weights"])
    )
    return Pet(
        id=row["id"],
        owner_id=row["owner_id"],
        name=row["name"],
        species=Species(row["species"]),
        weights=weights,
        step_goal=row["step_goal"],
        version=row["version"],
        safe_zone=zone_of(row["safe_zone"]),
    )
