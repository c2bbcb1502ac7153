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
from collections.abc import Sequence
from datetime import date

from adapters.local.sqlite_db import SqliteDatabase
from application.ports.activity import ActivityLedger, Recorded
from domain.activity import DayTotals
from domain.clockwork import instant_from_key, instant_key
from domain.readings import Position, Reading, first_of_each
from domain.recommendations import PetSignals

INSERT_READING = (
    "INSERT OR IGNORE INTO readings"
    " (tracker, time_key, pet_id, day, steps, latitude, longitude, battery, origin)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
ORIGIN_OF = "SELECT origin FROM readings WHERE tracker = ? AND time_key = ?"
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
READING_COLUMNS = "tracker, time_key, steps, latitude, longitude, battery"


class SqliteActivityLedger(ActivityLedger):
    def __init__(self, db: SqliteDatabase) -> None:
        self._db = db

    def record(
        self, pet_id: str, day: date, readings: Sequence[Reading], origin: str | None = None
    ) -> Recorded:
        with self._db.write() as tx:
            new, again = list[Reading](), list[Reading]()
            for reading in first_of_each(readings):
                if _inserted(tx, pet_id, day, reading, origin):
                    new.append(reading)
                elif origin is not None and _origin(tx, reading) == origin:
                    again.append(reading)
            if new:
                steps = sum(reading.steps for reading in new)
                tx.execute(ADD_TO_TOTALS, (pet_id, day.isoformat(), steps, len(new)))
            row = tx.execute(
                "SELECT steps, readings FROM day_totals WHERE pet_id = ? AND day = ?",
                (pet_id, day.isoformat()),
            ).fetchone()
        return Recorded(tuple(new), _totals(row) if row else DayTotals(), tuple(again))

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
            " ORDER BY time_key, rowid",
            (pet_id, day.isoformat()),
        )
        return [_reading(row) for row in rows]

    def signals(self, pet_id: str) -> PetSignals:
        row = self._db.read_one(LATEST_SIGNALS, (pet_id, pet_id))
        if row is None or row["time_key"] is None:
            return PetSignals()
        return PetSignals(instant_from_key(row["time_key"]), row["battery"])

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


def _inserted(
    tx: sqlite3.Connection, pet_id: str, day: date, reading: Reading, origin: str | None
) -> bool:
    """Whether the reading was new; a key stored before, for any pet or day, is ignored."""
    position = reading.position
    cursor = tx.execute(
        INSERT_READING,
        (
            reading.tracker,
            instant_key(reading.time),
            pet_id,
            day.isoformat(),
            reading.steps,
            position.latitude if position else None,
            position.longitude if position else None,
            reading.battery,
            origin,
        ),
    )
    return cursor.rowcount == 1


def _origin(tx: sqlite3.Connection, reading: Reading) -> str | None:
    row = tx.execute(ORIGIN_OF, (reading.tracker, instant_key(reading.time))).fetchone()
    return None if row is None else row["origin"]


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
