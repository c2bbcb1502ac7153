"""ActivityLedger: each reading counted once, atomically, and the day's totals beside them."""

from __future__ import annotations

import functools
import random
import sqlite3
import threading
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from adapters.local.sqlite_activity_ledger import SqliteActivityLedger
from adapters.local.sqlite_db import SqliteDatabase
from application.ports.activity import ActivityLedger, Conflicting, DayReadings, Recorded
from domain.activity import DayTotals
from domain.readings import Position, Reading
from domain.recommendations import PetSignals
from domain.safe_zones import Whereabouts
from domain.trackers import PetDay

from .concurrency import all_at_once

DAY = date(2026, 11, 20)
NOON = datetime(2026, 11, 20, 12, tzinfo=UTC)


def at(
    minutes: float,
    steps: int = 100,
    tracker: str = "T-1",
    position: Position | None = None,
    battery: int | None = None,
) -> Reading:
    """A reading `minutes` after noon of DAY (UTC)."""
    return Reading(tracker, NOON + timedelta(minutes=minutes), steps, position, battery)


def record(
    ledger: ActivityLedger,
    pet_id: str,
    day: date,
    readings: Sequence[Reading],
    origin: str | None = None,
    elsewhere: tuple[PetDay, ...] = (),
) -> Recorded:
    """`readings` recorded one tracker at a time (in the order each tracker first appears), as
    the intake groups them; what the calls found, joined (the totals after the last)."""
    trackers = list(dict.fromkeys(reading.tracker for reading in readings)) or ["T-1"]
    found = [
        ledger.record(
            DayReadings(
                tracker,
                pet_id,
                day,
                "UTC",
                tuple(r for r in readings if r.tracker == tracker),
                origin,
                elsewhere,
            )
        )
        for tracker in trackers
    ]
    return Recorded(
        tuple(r for f in found for r in f.new),
        found[-1].totals,
        tuple(r for f in found for r in f.redelivered),
        tuple(c for f in found for c in f.conflicts),
        found[-1].battery_before,
    )


def test_new_readings_are_stored_and_counted(ledger: ActivityLedger) -> None:
    readings = [at(0, 120, position=Position(52.52, 13.405)), at(1, 80, battery=54), at(2, 0)]
    recorded = record(ledger, "pet-1", DAY, readings)
    assert recorded.new == tuple(readings)
    assert recorded.totals == DayTotals(steps=200, readings=3)
    assert ledger.readings("pet-1", DAY) == readings


def test_a_reading_delivered_again_changes_nothing(ledger: ActivityLedger) -> None:
    record(ledger, "pet-1", DAY, [at(0, 120), at(1, 80)])
    again = record(ledger, "pet-1", DAY, [at(1, 80), at(2, 30), at(0, 120)])
    assert again.new == (at(2, 30),)
    assert again.totals == DayTotals(steps=230, readings=3)
    assert record(ledger, "pet-1", DAY, [at(2, 30)]).new == ()


def test_a_reading_twice_in_one_delivery_counts_once(ledger: ActivityLedger) -> None:
    recorded = record(ledger, "pet-1", DAY, [at(0, 50), at(0, 50)])
    assert recorded.new == (at(0, 50),)
    assert recorded.totals == DayTotals(steps=50, readings=1)


def test_a_readings_identity_is_tracker_and_time_whatever_the_pet_or_day(
    ledger: ActivityLedger,
) -> None:
    """A tracker moved to another pet, or whose owner moved to another zone, names the pet-days
    where its readings counted before (the intake does, from the tracker's earlier routes)."""
    record(ledger, "pet-1", DAY, [at(0, 50)])
    elsewhere = record(
        ledger,
        "pet-2",
        DAY + timedelta(days=1),
        [at(0, 50), at(0, 70, "T-2")],
        elsewhere=(("pet-1", DAY),),
    )
    assert elsewhere.new == (at(0, 70, "T-2"),)
    assert elsewhere.totals == DayTotals(steps=70, readings=1)
    assert ledger.totals("pet-1", DAY, DAY) == {DAY: DayTotals(50, 1)}


def test_readings_of_a_day_come_in_time_order(ledger: ActivityLedger) -> None:
    record(ledger, "pet-1", DAY, [at(30), at(-30)])
    record(ledger, "pet-1", DAY, [at(10), at(-600)])
    record(ledger, "pet-1", DAY + timedelta(days=1), [at(24 * 60)])
    assert [r.time for r in ledger.readings("pet-1", DAY)] == [
        at(m).time for m in (-600, -30, 10, 30)
    ]
    assert ledger.readings("pet-2", DAY) == []


def test_an_empty_delivery_reports_the_days_totals(ledger: ActivityLedger) -> None:
    assert record(ledger, "pet-1", DAY, []) == record(ledger, "pet-1", DAY, [])
    assert record(ledger, "pet-1", DAY, []).totals == DayTotals()
    record(ledger, "pet-1", DAY, [at(0, 40)])
    assert record(ledger, "pet-1", DAY, []).totals == DayTotals(40, 1)


def test_totals_cover_the_days_in_range_that_have_readings(ledger: ActivityLedger) -> None:
    for offset, steps in ((-1, 10), (0, 20), (2, 30), (3, 40)):
        day = DAY + timedelta(days=offset)
        record(ledger, "pet-1", day, [at(offset * 24 * 60, steps)])
    record(ledger, "pet-2", DAY, [at(5, 99)])
    assert ledger.totals("pet-1", DAY, DAY + timedelta(days=2)) == {
        DAY: DayTotals(20, 1),
        DAY + timedelta(days=2): DayTotals(30, 1),
    }
    assert ledger.totals("pet-3", DAY, DAY) == {}


def test_signals_are_the_latest_reading_and_the_latest_battery(ledger: ActivityLedger) -> None:
    assert ledger.signals("pet-1") == PetSignals()
    record(ledger, "pet-1", DAY, [at(0, battery=40), at(20), at(10, battery=12)])
    record(ledger, "pet-1", DAY - timedelta(days=1), [at(-24 * 60, battery=90)])
    record(ledger, "pet-2", DAY, [at(30, tracker="T-2", battery=99)])
    assert ledger.signals("pet-1") == PetSignals(at(20).time, 12)


def test_signals_without_any_battery_report_none(ledger: ActivityLedger) -> None:
    record(ledger, "pet-1", DAY, [at(0), at(5)])
    assert ledger.signals("pet-1") == PetSignals(at(5).time, None)


def test_concurrent_overlapping_deliveries_count_every_reading_exactly_once(
    ledger: ActivityLedger,
) -> None:
    readings = [at(minute, steps=minute + 1) for minute in range(120)]
    deliveries = []
    for seed in range(8):
        shuffled = random.Random(seed).sample(readings, k=len(readings))
        deliveries.append([shuffled[i : i + 15] for i in range(0, len(shuffled), 15)])

    def deliver(batches: list[list[Reading]]) -> list[Reading]:
        return [r for batch in batches for r in record(ledger, "pet-1", DAY, batch).new]

    results = all_at_once([functools.partial(deliver, batches) for batches in deliveries])
    counted = Counter(reading.key for new in results for reading in new)
    assert counted == Counter(reading.key for reading in readings)
    expected = DayTotals(steps=sum(r.steps for r in readings), readings=len(readings))
    assert ledger.totals("pet-1", DAY, DAY) == {DAY: expected}
    assert ledger.readings("pet-1", DAY) == readings


def test_totals_returned_under_concurrency_never_run_backwards(ledger: ActivityLedger) -> None:
    def deliver(tracker: str) -> list[int]:
        return [record(ledger, "pet-1", DAY, [at(m, 1, tracker)]).totals.steps for m in range(25)]

    results = all_at_once([functools.partial(deliver, f"T-{n}") for n in range(8)])
    assert all(steps == sorted(steps) and len(set(steps)) == len(steps) for steps in results)
    assert ledger.totals("pet-1", DAY, DAY) == {DAY: DayTotals(200, 200)}


def test_readers_never_see_a_reading_stored_but_not_counted(ledger: ActivityLedger) -> None:
    readings = [at(minute, steps=1) for minute in range(240)]
    batches = [readings[i : i + 20] for i in range(0, len(readings), 20)]
    writing = threading.Event()
    writing.set()

    def watch() -> list[tuple[int, int]]:
        # Stored readings are read first, so an atomic ledger has counted at least as many.
        gaps = []
        while writing.is_set():
            stored = len(ledger.readings("pet-1", DAY))
            counted = ledger.totals("pet-1", DAY, DAY).get(DAY, DayTotals()).readings
            if counted < stored:
                gaps.append((stored, counted))
        return gaps

    def write(share: list[list[Reading]]) -> None:
        for batch in share:
            record(ledger, "pet-1", DAY, batch)

    with ThreadPoolExecutor(max_workers=1) as pool:
        watcher = pool.submit(watch)
        all_at_once(
            [functools.partial(write, batches[::2]), functools.partial(write, batches[1::2])]
        )
        writing.clear()
        assert watcher.result(timeout=60) == []
    assert ledger.totals("pet-1", DAY, DAY) == {DAY: DayTotals(240, 240)}


# A delivery with an origin (a bundle's id) may come again whole: a job redelivered after a
# failure, or run twice at once. The readings it stored are its own on every run.


def test_readings_recorded_again_by_their_origin_are_its_own(ledger: ActivityLedger) -> None:
    first = record(ledger, "pet-1", DAY, [at(0, 120), at(1, 80)], origin="bundle-a")
    assert (first.new, first.redelivered) == ((at(0, 120), at(1, 80)), ())
    again = record(ledger, "pet-1", DAY, [at(2, 30), at(1, 80), at(0, 120)], origin="bundle-a")
    assert again.new == (at(2, 30),)
    assert again.redelivered == (at(1, 80), at(0, 120))
    assert again.totals == DayTotals(steps=230, readings=3)
    assert ledger.readings("pet-1", DAY) == [at(0, 120), at(1, 80), at(2, 30)]


def test_readings_of_another_origin_or_of_none_are_never_its_own(ledger: ActivityLedger) -> None:
    record(ledger, "pet-1", DAY, [at(0), at(1)], origin="bundle-a")
    record(ledger, "pet-1", DAY, [at(2)])
    by_b = record(ledger, "pet-1", DAY, [at(0), at(1), at(2), at(3)], origin="bundle-b")
    assert (by_b.new, by_b.redelivered) == ((at(3),), ())
    by_none = record(ledger, "pet-1", DAY, [at(0), at(2), at(3)])
    assert (by_none.new, by_none.redelivered) == ((), ())
    by_a = record(ledger, "pet-1", DAY, [at(0), at(1), at(2), at(3)], origin="bundle-a")
    assert (by_a.new, by_a.redelivered) == ((), (at(0), at(1)))
    assert ledger.totals("pet-1", DAY, DAY) == {DAY: DayTotals(400, 4)}


def test_a_reading_twice_in_a_delivery_again_is_its_own_once(ledger: ActivityLedger) -> None:
    first = record(ledger, "pet-1", DAY, [at(0, 50), at(0, 50), at(1)], origin="bundle-a")
    assert (first.new, first.redelivered) == ((at(0, 50), at(1)), ())
    again = record(ledger, "pet-1", DAY, [at(0, 50), at(1), at(0, 50)], origin="bundle-a")
    assert (again.new, again.redelivered) == ((), (at(0, 50), at(1)))


def test_runs_of_one_origin_at_once_each_find_every_reading_their_own(
    ledger: ActivityLedger,
) -> None:
    """Two runs of one bundle and two other deliveries (another bundle, an MQTT packet), all at
    once and in their own orders: each reading is new to exactly one call, and a run of the
    bundle finds as its own exactly the readings that one of its runs stored."""
    readings = [at(minute, steps=minute + 1) for minute in range(60)]
    origins = ["bundle-a", "bundle-a", "bundle-b", None]

    def deliver(seed: int) -> tuple[list[Reading], list[Reading]]:
        shuffled = random.Random(seed).sample(readings, k=len(readings))
        new, own = list[Reading](), list[Reading]()
        for start in range(0, len(shuffled), 12):
            recorded = record(ledger, "pet-1", DAY, shuffled[start : start + 12], origins[seed])
            new += recorded.new
            own += recorded.new + recorded.redelivered
        return new, own

    results = all_at_once([functools.partial(deliver, seed) for seed in range(len(origins))])
    counted = Counter(reading.key for new, _ in results for reading in new)
    assert counted == Counter(reading.key for reading in readings)
    stored_by = {origin: set[tuple[str, str]]() for origin in origins}
    for origin, (new, _) in zip(origins, results, strict=True):
        stored_by[origin].update(reading.key for reading in new)
    for origin, (new, own) in zip(origins, results, strict=True):
        assert sorted(reading.key for reading in own) == sorted(
            stored_by[origin] if origin else {reading.key for reading in new}
        )
    assert ledger.totals("pet-1", DAY, DAY) == {DAY: DayTotals(sum(range(61)), 60)}


# The same identity with other values: kept apart, never counted (reading_conflicts.feature).


def test_a_known_identity_with_other_values_is_a_conflict(ledger: ActivityLedger) -> None:
    where = Position(52.52, 13.405)
    record(ledger, "pet-1", DAY, [at(0, 100, position=where, battery=50), at(1, 10)])
    other = [
        at(0, 99, position=where, battery=50),
        at(0, 100, position=Position(52.52, 13.5), battery=50),
        at(0, 100, position=where, battery=49),
        at(0, 100, battery=50),
        at(0, 100, position=where, battery=50),  # the same again: a duplicate
        at(2, 5),
    ]
    found = [record(ledger, "pet-1", DAY, [reading]) for reading in other]
    assert [[(c.reading, c.field) for c in f.conflicts] for f in found] == [
        [(other[0], "steps")],
        [(other[1], "longitude")],
        [(other[2], "battery")],
        [(other[3], "latitude")],
        [],
        [],
    ]
    assert [f.new for f in found] == [(), (), (), (), (), (at(2, 5),)]
    assert record(ledger, "pet-1", DAY, []).totals == DayTotals(115, 3)
    assert ledger.readings("pet-1", DAY)[0] == at(0, 100, position=where, battery=50)


def test_two_values_of_one_identity_in_a_delivery_count_the_first(ledger: ActivityLedger) -> None:
    found = record(ledger, "pet-1", DAY, [at(0, 10), at(1, 20), at(0, 11), at(0, 10)])
    assert found.new == (at(0, 10), at(1, 20))
    assert found.conflicts == (Conflicting(at(0, 11), "steps"),)
    assert found.totals == DayTotals(30, 2)


# The battery level a tracker reported last, for the low-battery watch.


def test_the_battery_before_is_the_trackers_newest_of_the_day(ledger: ActivityLedger) -> None:
    assert record(ledger, "pet-1", DAY, [at(0, battery=50), at(5)]).battery_before is None
    assert record(ledger, "pet-1", DAY, [at(10, battery=40)]).battery_before == (at(0).time, 50)
    assert record(ledger, "pet-1", DAY, [at(3, battery=90)]).battery_before == (at(10).time, 40)
    assert record(ledger, "pet-1", DAY, [at(20)]).battery_before == (at(10).time, 40)
    other = record(ledger, "pet-1", DAY, [at(30, tracker="T-2", battery=7)])
    assert other.battery_before is None  # another tracker's levels are its own


def test_a_trackers_first_reading_of_a_day_has_no_battery_before(ledger: ActivityLedger) -> None:
    """The day's readings are newer than the days' before: the watch needs nothing of them."""
    record(ledger, "pet-1", DAY - timedelta(days=1), [at(-24 * 60, battery=30)])
    record(ledger, "pet-1", DAY, [at(0, tracker="T-2", battery=80)])
    assert record(ledger, "pet-1", DAY, [at(5)]).battery_before is None


# Many readings at once (a bundle's day) and a long day of packets: all kept, none twice.


def test_a_day_of_many_readings_is_kept_whole(ledger: ActivityLedger) -> None:
    where = Position(52.52, 13.405)
    many = [at(m / 4, steps=m % 7, position=where, battery=m % 100) for m in range(3000)]
    assert len(record(ledger, "pet-1", DAY, many, origin="bundle-a").new) == 3000
    again = record(ledger, "pet-1", DAY, many[::-1], origin="bundle-a")
    assert (again.new, len(again.redelivered)) == ((), 3000)
    assert ledger.readings("pet-1", DAY) == many
    assert ledger.totals("pet-1", DAY, DAY) == {
        DAY: DayTotals(sum(m % 7 for m in range(3000)), 3000)
    }


def test_a_day_of_packets_in_order_is_kept_whole_and_read_whole_meanwhile(
    ledger: ActivityLedger,
) -> None:
    """One reading at a time, as packets come, two trackers of one pet: every reading is read
    back after its packet, and counted."""
    sent = []
    for minute in range(90):
        tracker = "T-1" if minute % 3 else "T-2"
        reading = at(minute, steps=1, tracker=tracker, position=Position(1.5, 2.5), battery=60)
        assert record(ledger, "pet-1", DAY, [reading]).new == (reading,)
        sent.append(reading)
        if minute % 10 == 9:
            assert ledger.readings("pet-1", DAY) == sent
            assert ledger.totals("pet-1", DAY, DAY) == {DAY: DayTotals(len(sent), len(sent))}
            assert ledger.day("pet-1", DAY) == (DayTotals(len(sent), len(sent)), sent)
    assert record(ledger, "pet-1", DAY, sent[40:50]).new == ()
    assert ledger.readings("pet-1", DAY) == sent
    assert ledger.signals("pet-1") == PetSignals(sent[-1].time, 60)


def test_a_late_reading_among_packets_counts_once(ledger: ActivityLedger) -> None:
    for minute in range(0, 60, 2):
        record(ledger, "pet-1", DAY, [at(minute)])
    late = record(ledger, "pet-1", DAY, [at(31), at(30), at(61)])
    assert late.new == (at(31), at(61))
    assert [r.time for r in ledger.readings("pet-1", DAY)] == sorted(
        at(m).time for m in [*range(0, 60, 2), 31, 61]
    )


OLD_READINGS = """CREATE TABLE readings (
    tracker TEXT NOT NULL, time_key TEXT NOT NULL, pet_id TEXT NOT NULL, day TEXT NOT NULL,
    steps INTEGER NOT NULL, latitude REAL, longitude REAL, battery INTEGER,
    PRIMARY KEY (tracker, time_key));
INSERT INTO readings VALUES ('T-1', '2026-11-20T12:00:00.000000Z', 'pet-1', '2026-11-20', 50,
    NULL, NULL, NULL);
CREATE TABLE day_totals (
    pet_id TEXT NOT NULL, day TEXT NOT NULL, steps INTEGER NOT NULL, readings INTEGER NOT NULL,
    PRIMARY KEY (pet_id, day));
INSERT INTO day_totals VALUES ('pet-1', '2026-11-20', 50, 1);
"""


def test_a_database_made_before_origins_keeps_its_readings_and_gains_them(
    tmp_path: Path,
) -> None:
    """SQLite only: a file whose readings table has no origin column gains one on first use;
    its readings stay known, as nobody's own."""
    path = tmp_path / "pawtrack.db"
    with sqlite3.connect(path) as made_before:
        made_before.executescript(OLD_READINGS)
    ledger = SqliteActivityLedger(SqliteDatabase(path))
    recorded = record(ledger, "pet-1", DAY, [at(0, 50), at(1, 70)], origin="bundle-a")
    assert (recorded.new, recorded.redelivered) == ((at(1, 70),), ())
    again = record(ledger, "pet-1", DAY, [at(0, 50), at(1, 70)], origin="bundle-a")
    assert (again.new, again.redelivered) == ((), (at(1, 70),))
    assert ledger.readings("pet-1", DAY) == [at(0, 50), at(1, 70)]
    assert SqliteActivityLedger(SqliteDatabase(path)).totals("pet-1", DAY, DAY) == {
        DAY: DayTotals(120, 2)
    }


def test_a_day_without_readings_has_empty_totals_and_none(ledger: ActivityLedger) -> None:
    record(ledger, "pet-1", DAY, [at(1)])
    assert ledger.day("pet-1", DAY + timedelta(days=1)) == (DayTotals(), [])
    assert ledger.day("pet-2", DAY) == (DayTotals(), [])


def test_the_days_of_a_pet_are_those_with_readings_in_order(ledger: ActivityLedger) -> None:
    later = DAY + timedelta(days=3)
    record(ledger, "pet-1", later, [at(3 * 24 * 60)])
    record(ledger, "pet-1", DAY, [at(0)])
    record(ledger, "pet-2", DAY + timedelta(days=1), [at(24 * 60, tracker="T-2")])
    assert ledger.days("pet-1") == [DAY, later]
    assert ledger.days("pet-3") == []


def test_a_forgotten_pets_readings_totals_and_signals_are_gone(ledger: ActivityLedger) -> None:
    tomorrow = DAY + timedelta(days=1)
    record(ledger, "pet-1", DAY, [at(0, 120, position=Position(52.52, 13.405)), at(1, battery=9)])
    record(ledger, "pet-1", tomorrow, [at(24 * 60, 50)])
    kept = record(ledger, "pet-2", DAY, [at(0, 70, "T-2", battery=80)])
    ledger.forget("pet-1")
    ledger.forget("pet-1")  # again: nothing happens
    assert ledger.days("pet-1") == []
    assert ledger.readings("pet-1", DAY) == [] and ledger.readings("pet-1", tomorrow) == []
    assert ledger.totals("pet-1", DAY, tomorrow) == {}
    assert ledger.signals("pet-1") == PetSignals()
    assert ledger.readings("pet-2", DAY) == [at(0, 70, "T-2", battery=80)]
    assert ledger.totals("pet-2", DAY, DAY) == {DAY: kept.totals}
    assert ledger.signals("pet-2") == PetSignals(NOON, 80)


def test_a_forgotten_reading_delivered_again_is_new(ledger: ActivityLedger) -> None:
    """Its identity went with it: for the pet the tracker is paired with next, it counts."""
    record(ledger, "pet-1", DAY, [at(0, 120), at(1, 80)])
    ledger.forget("pet-1")
    again = record(ledger, "pet-2", DAY, [at(0, 120), at(1, 80)])
    assert again.new == (at(0, 120), at(1, 80))
    assert again.totals == DayTotals(steps=200, readings=2)


def test_whereabouts_are_the_newest_position_whatever_the_arrival_order(
    ledger: ActivityLedger,
) -> None:
    assert ledger.whereabouts("pet-1") is None
    record(ledger, "pet-1", DAY, [at(50, position=Position(52.52, 13.405)), at(55)])
    record(ledger, "pet-1", DAY, [at(40, position=Position(52.51, 13.4))])
    record(ledger, "pet-1", DAY, [at(45, tracker="T-2", position=Position(1.0, 2.0))])
    assert ledger.whereabouts("pet-1") == Whereabouts(at(50).time, Position(52.52, 13.405))
    next_day = DAY + timedelta(days=1)
    later = Reading("T-2", NOON + timedelta(days=1), 5, Position(-33.9, 151.2))
    record(ledger, "pet-1", next_day, [later])
    assert ledger.whereabouts("pet-1") == Whereabouts(later.time, Position(-33.9, 151.2))
    assert ledger.whereabouts("pet-2") is None
