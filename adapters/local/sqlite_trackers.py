"""Tracker pairings in SQLite: created only if absent, changed only from the version read."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection

from adapters.local.sqlite_db import SqliteDatabase
from adapters.tracker_codec import counting_fields, counting_of, routes_json, routes_of
from application.ports.trackers import TrackerRepository
from domain.clockwork import instant_from_key, instant_key
from domain.errors import Conflict
from domain.trackers import Tracker

COLUMNS = (
    "serial, pet_id, owner_id, battery_low, battery_as_of, pet_name, step_goal, time_zone,"
    " earlier, version, safe_zone"
)


class SqliteTrackerRepository(TrackerRepository):
    def __init__(self, db: SqliteDatabase) -> None:
        self._db = db

    def get(self, serial: str) -> Tracker | None:
        row = self._db.read_one(f"SELECT {COLUMNS} FROM trackers WHERE serial = ?", (serial,))
        return _tracker(row) if row else None

    def get_many(self, serials: Collection[str]) -> dict[str, Tracker]:
        wanted = sorted(set(serials))
        found: dict[str, Tracker] = {}
        for start in range(0, len(wanted), 500):  # SQLite's limit of bound parameters is 999
            chunk = wanted[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            rows = self._db.read(f"SELECT {COLUMNS} FROM trackers WHERE serial IN ({marks})", chunk)
            found |= {row["serial"]: _tracker(row) for row in rows}
        return found

    def of_pet(self, pet_id: str) -> list[Tracker]:
        rows = self._db.read(
            f"SELECT {COLUMNS} FROM trackers WHERE pet_id = ? ORDER BY serial", (pet_id,)
        )
        return [_tracker(row) for row in rows]

    def save(self, tracker: Tracker) -> None:
        if tracker.version == 1:
            self._create(tracker)
            return
        changed = self._db.run(
            "UPDATE trackers SET pet_id = ?, owner_id = ?, battery_low = ?, battery_as_of = ?,"
            " pet_name = ?, step_goal = ?, time_zone = ?, earlier = ?, version = ?,"
            " safe_zone = ? WHERE serial = ? AND version = ?",
            (*_row(tracker)[1:], tracker.serial, tracker.version - 1),
        )
        if not changed:
            raise Conflict(f"tracker {tracker.serial!r} changed meanwhile")

    def remove(self, serial: str) -> None:
        self._db.run("DELETE FROM trackers WHERE serial = ?", (serial,))

    def _create(self, tracker: Tracker) -> None:
        try:
            self._db.run(
                f"INSERT INTO trackers ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                _row(tracker),
            )
        except sqlite3.IntegrityError as error:
            raise Conflict(f"tracker {tracker.serial!r} changed meanwhile") from error


def _row(tracker: Tracker) -> tuple[object, ...]:
    as_of = instant_key(tracker.battery_as_of) if tracker.battery_as_of else None
    counting = counting_fields(tracker.counting)
    return (
        tracker.serial,
        tracker.pet_id,
        tracker.owner_id,
        int(tracker.battery_low),
        as_of,
        counting.get("pet_name"),
        counting.get("step_goal"),
        counting.get("time_zone"),
        routes_json(tracker.earlier),
        tracker.version,
        counting.get("safe_zone"),
    )


def _tracker(row: sqlite3.Row) -> Tracker:
    as_of = row["battery_as_of"]
    return Tracker(
        serial=row["serial"],
        pet_id=row["pet_id"],
        owner_id=row["owner_id"],
        battery_low=bool(row["battery_low"]),
        battery_as_of=instant_from_key(as_of) if as_of else None,
        counting=counting_of(dict(row)),
        earlier=routes_of(row["earlier"]),
        version=row["version"],
    )
