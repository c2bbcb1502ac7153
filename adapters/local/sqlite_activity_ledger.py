"""The activity ledger in SQLite: readings keyed by (tracker, time), and day totals beside them.

A reading and its share of the day's totals are written in the same
`BEGIN IMMEDIATE` transaction, so concurrent deliveries of the same reading
count it exactly once: the writer whose INSERT OR IGNORE inserted the row is
the only one that adds it to the totals. The row keeps the origin of the delivery
that inserted it (a bundle's id), so a run of that delivery again, in the same
transaction, tells its own readings from those known from elsewhere.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from adapters.local.sqlite_db import SqliteDatabase
from application.ports.activity import (
    ActivityLedger,
    Battery,
    Conflicting,
    DayReadings,
    Recorded,
    sort_out,
)
from domain.activity import DayTotals
from domain.clockwork import instant_from_key, instant_key
from domain.readings import Position, Reading, firsts_and_conflicts
from domain.recommendations import PetSignals
from domain.safe_zones import Whereabouts

INSERT_READING = (
    "INSERT OR IGNORE INTO readings"
    " (tracker, time_key, pet_id, day, steps, latitude, longitude, battery, origin)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
STORED = (
    "SELECT tracker, time_key, steps, latitude, longitude, battery, origin FROM readings"
    " WHERE tracker = ? AND time_key = ?"
)
NEWEST_BATTERY = (
    "SELECT time_key, battery FROM readings WHERE pet_id = ? AND tracker = ? AND day = ?"
    " AND battery IS NOT NULL ORDER BY time_key DESC LIMIT 1"
)
ADD_TO_TOTALS = (
    "INSERT INTO day_totals (pet_id, day, steps, readings) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (pet_id, day) DO UPDATE SET"
    " steps = steps + excluded.steps, readings = readings + excluded.readings"
)
# One statement, so both come from the same snapshot.
LATEST_SIGNALS = (
    "SELECT (SELECT MAX(time_key) FROM readings WHERE pet_id = ?) AS time_key,"
    " (SELECT battery FROM readings WHERE pet_id = ? AND battery IS NOT NULL"
    " ORDER BY time_key DESC, rowid DESC LIMIT 1) AS battery"
)
NEWEST_POSITION = (
    "SELECT time_key, latitude, longitude FROM readings WHERE pet_id = ?"
    " AND latitude IS NOT NULL ORDER BY time_key DESC, tracker DESC LIMIT 1"
)
READING_COLUMNS = "tracker, time_key, steps, latitude, longitude, battery"


class SqliteActivityLedger(ActivityLedger):
    def __init__(self, db: SqliteDatabase) -> None:
        self._db = db

    def record(self, day: DayReadings) -> Recorded:
        firsts, repeated = firsts_and_conflicts(day.readings)
        with self._db.write() as tx:
            before = _battery_before(tx, day)
            new, again, conflicts = sort_out(
                firsts,
                lambda reading: None if _inserted(tx, day, reading) else _stored(tx, reading),
                day.origin,
            )
            conflicts = [*(Conflicting(reading, field) for reading, field in repeated), *conflicts]
            if new:
                steps = sum(reading.steps for reading in new)
                tx.execute(ADD_TO_TOTALS, (day.pet_id, day.day.isoformat(), steps, len(new)))
            row = tx.execute(
                "SELECT steps, readings FROM day_totals WHERE pet_id = ? AND day = ?",
                (day.pet_id, day.day.isoformat()),
            ).fetchone()
        totals = _totals(row) if row else DayTotals()
        return Recorded(tuple(new), totals, tuple(again), tuple(conflicts), before)

    def totals(self, pet_id: str, first: date, last: date) -> dict[date, DayTotals]:
        rows = self._db.read(
            "SELECT day, steps, readings FROM day_totals"
            " WHERE pet_id = ? AND day BETWEEN ? AND ? AND readings > 0 ORDER BY day",
            (pet_id, first.isoformat(), last.isoformat()),
        )
        return {date.fromisoformat(row["day"]): _totals(row) for row in rows}

    def readings(self, pet_id: str, day: date) -> list[Reading]:
        rows = self._db.read(
            f"SELECT {READING_COLUMNS} FROM readings WHERE pet_id = ? AND day = ?"
            " ORDER BY time_key, tracker",
            (pet_id, day.isoformat()),
        )
        return [_reading(row) for row in rows]

    def signals(self, pet_id: str) -> PetSignals:
        row = self._db.read_one(LATEST_SIGNALS, (pet_id, pet_id))
        if row is None or row["time_key"] is None:
            return PetSignals()
        return PetSignals(instant_from_key(row["time_key"]), row["battery"])

    def whereabouts(self, pet_id: str) -> Whereabouts | None:
        row = self._db.read_one(NEWEST_POSITION, (pet_id,))
        if row is None:
            return None
        position = Position(row["latitude"], row["longitude"])
        return Whereabouts(instant_from_key(row["time_key"]), position)

    def days(self, pet_id: str) -> list[date]:
        rows = self._db.read(
            "SELECT day FROM day_totals WHERE pet_id = ? AND readings > 0 ORDER BY day", (pet_id,)
        )
        return [date.fromisoformat(row["day"]) for row in rows]

    def forget(self, pet_id: str) -> None:
        """One transaction: a reading's row is its identity, so both go together."""
        with self._db.write() as tx:
            tx.execute("DELETE FROM readings WHERE pet_id = ?", (pet_id,))
            tx.execute("DELETE FROM day_totals WHERE pet_id = ?", (pet_id,))


def _inserted(tx: sqlite3.Connection, day: DayReadings, reading: Reading) -> bool:
    """Whether the reading was new; a key stored before, for any pet or day, is ignored."""
    position = reading.position
    cursor = tx.execute(
        INSERT_READING,
        (
            reading.tracker,
            instant_key(reading.time),
            day.pet_id,
            day.day.isoformat(),
            reading.steps,
            position.latitude if position else None,
            position.longitude if position else None,
            reading.battery,
            day.origin,
        ),
    )
    return cursor.rowcount == 1


def _stored(tx: sqlite3.Connection, reading: Reading) -> tuple[Reading, str | None]:
    """The stored reading with the identity of `reading`, and the origin that stored it."""
    row = tx.execute(STORED, (reading.tracker, instant_key(reading.time))).fetchone()
    return _reading(row), row["origin"]


def _battery_before(tx: sqlite3.Connection, day: DayReadings) -> Battery | None:
    """The tracker's newest battery on the pet-day."""
    row = tx.execute(NEWEST_BATTERY, (day.pet_id, day.tracker, day.day.isoformat())).fetchone()
    return None if row is None else (instant_from_key(row["time_key"]), row["battery"])


def _totals(row: sqlite3.Row) -> DayTotals:
    return DayTotals(steps=row["steps"], readings=row["readings"])


def _reading(row: sqlite3.Row) -> Reading:
    latitude, longitude = row["latitude"], row["longitude"]
    return Reading(
        tracker=row["tracker"],
        time=instant_from_key(row["time_key"]),
        steps=row["steps"],
        position=None if latitude is None else Position(latitude, longitude),
        battery=row["battery"],
    )
