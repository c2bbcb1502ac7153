"""The SQLite database under the local adapters: durable, in WAL mode, safe for several processes.

Not a port contract: these check what the contract suites cannot see through a
port, such as data surviving a restart and writers in separate processes.
"""

from __future__ import annotations

import multiprocessing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from adapters.local.sqlite_activity_ledger import SqliteActivityLedger
from adapters.local.sqlite_announcement_log import SqliteAnnouncementLog
from adapters.local.sqlite_db import SqliteDatabase
from application.ports.activity import DayReadings
from domain.activity import DayTotals
from domain.readings import Reading

DAY = date(2026, 11, 20)
NOON = datetime(2026, 11, 20, 12, tzinfo=UTC)
READINGS = 60


def test_the_file_and_its_directories_are_made_in_wal_mode(tmp_path: Path) -> None:
    db = SqliteDatabase(tmp_path / "a" / "b" / "pawtrack.db")
    assert db.read_one("PRAGMA journal_mode")[0] == "wal"  # type: ignore[index]
    assert db.read_one("PRAGMA foreign_keys")[0] == 1  # type: ignore[index]
    assert (tmp_path / "a" / "b" / "pawtrack.db").is_file()
    db.close()


def test_what_was_written_survives_reopening(tmp_path: Path) -> None:
    first = SqliteDatabase(tmp_path / "pawtrack.db")
    SqliteAnnouncementLog(first).claim("goal:pet-1:2026-11-20")
    first.close()
    again = SqliteAnnouncementLog(SqliteDatabase(tmp_path / "pawtrack.db"))
    assert again.claim("goal:pet-1:2026-11-20") is False


def test_a_failed_write_block_leaves_nothing_behind(tmp_path: Path) -> None:
    db = SqliteDatabase(tmp_path / "pawtrack.db")
    with pytest.raises(RuntimeError), db.write() as tx:
        tx.execute("INSERT INTO announcements (key) VALUES ('half-done')")
        raise RuntimeError("the block failed")
    assert db.read("SELECT key FROM announcements") == []
    assert SqliteAnnouncementLog(db).claim("half-done") is True


def _deliver(path: str, offset: int) -> list[str]:
    """One process's share: every reading, in its own order, in batches of 7."""
    ledger = SqliteActivityLedger(SqliteDatabase(path))
    minutes = [(m + offset) % READINGS for m in range(READINGS)]
    readings = [Reading("T-1", NOON + timedelta(minutes=m), m + 1) for m in minutes]
    new: list[str] = []
    for start in range(0, READINGS, 7):
        part = tuple(readings[start : start + 7])
        recorded = ledger.record(DayReadings("T-1", "pet-1", DAY, "UTC", part))
        new.extend(reading.time.isoformat() for reading in recorded.new)
    return new


def test_writers_in_separate_processes_count_each_reading_once(tmp_path: Path) -> None:
    path = str(tmp_path / "fresh" / "pawtrack.db")
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        results = pool.starmap(_deliver, [(path, offset) for offset in (0, 15, 30, 45)])
    new = [time for result in results for time in result]
    assert len(new) == len(set(new)) == READINGS
    ledger = SqliteActivityLedger(SqliteDatabase(path))
    expected = DayTotals(steps=sum(range(1, READINGS + 1)), readings=READINGS)
    assert ledger.totals("pet-1", DAY, DAY) == {DAY: expected}


def test_an_erased_row_stays_neither_in_the_file_nor_in_its_log(tmp_path: Path) -> None:
    """secure_delete zeroes a deleted row in the file; the checkpoint empties the log that
    still held the page as it was."""
    db = SqliteDatabase(tmp_path / "pawtrack.db")
    SqliteAnnouncementLog(db).claim("goal:secret-pet-7f3a:2026-11-20")
    db.run("DELETE FROM announcements")
    assert b"secret-pet-7f3a" in (tmp_path / "pawtrack.db-wal").read_bytes()
    assert db.checkpoint() is True
    for path in tmp_path.iterdir():
        assert b"secret-pet-7f3a" not in path.read_bytes(), path.name
    db.close()
