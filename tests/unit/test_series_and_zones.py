"""Series by day and by hour, safe zones and their excursions, exports and page cursors."""

from __future__ import annotations

import gzip
import json
import secrets
from datetime import UTC, date, datetime, timedelta

import pytest

from adapters.hmac_page_cursors import HmacPageCursors
from application.messages.jobs import job_from_message, job_to_message
from application.ports.messaging import ExportAccount, ProcessBundle
from application.use_cases.page_of import PageOf, PageQuery
from domain.access import Caller
from domain.activity import DayTotals
from domain.errors import InvalidInput, NotFound
from domain.exports import checked_export_id, export_key, gzipped, new_export_id
from domain.readings import Position, Reading
from domain.safe_zones import SafeZone, Whereabouts, departures
from domain.series import daily_steps, hourly_steps

CENTRE = Position(52.52, 13.405)
ZONE = SafeZone(CENTRE, 200)
INSIDE, OUTSIDE = Position(52.5201, 13.405), Position(52.53, 13.405)
T0 = datetime(2026, 11, 21, 9, tzinfo=UTC)


def where(minutes: int, position: Position) -> Whereabouts:
    return Whereabouts(T0 + timedelta(minutes=minutes), position)


def test_a_range_of_days_has_a_value_for_each_day() -> None:
    totals = {date(2026, 11, 14): DayTotals(1000, 1), date(2026, 11, 16): DayTotals(3000, 2)}
    found = daily_steps(date(2026, 11, 14), date(2026, 11, 17), totals)
    assert [d.steps for d in found] == [1000, 0, 3000, 0]
    assert len(daily_steps(date(2026, 1, 1), date(2026, 4, 2), {})) == 92


@pytest.mark.parametrize(
    ("first", "last"), [(date(2026, 1, 1), date(2026, 4, 3)), (date(2026, 2, 2), date(2026, 2, 1))]
)
def test_a_range_longer_than_92_days_or_backwards_is_refused(first: date, last: date) -> None:
    with pytest.raises(InvalidInput):
        daily_steps(first, last, {})


@pytest.mark.parametrize(
    ("day", "hours", "twice"),
    [
        (date(2026, 11, 20), 24, None),
        (date(2026, 3, 29), 23, None),
        (date(2026, 10, 25), 25, "02:00"),
    ],
)
def test_a_day_has_the_hours_of_the_owners_clock(day: date, hours: int, twice: str | None) -> None:
    found = hourly_steps(day, "Europe/Berlin", [])
    assert len(found) == hours
    labels = [hour.start.strftime("%H:%M") for hour in found]
    assert labels[0] == "00:00" and labels[-1] == "23:00"
    assert (labels.count("02:00") == 2) == (twice is not None)


def test_readings_land_in_the_hour_of_the_owners_clock() -> None:
    readings = [
        Reading("T", datetime(2026, 10, 25, 0, 30, tzinfo=UTC), 5),  # 02:30 CEST
        Reading("T", datetime(2026, 10, 25, 1, 30, tzinfo=UTC), 7),  # 02:30 CET, the second one
    ]
    found = hourly_steps(date(2026, 10, 25), "Europe/Berlin", readings)
    assert [h.steps for h in found][2:4] == [5, 7]


def test_leaving_is_each_step_from_inside_to_outside() -> None:
    positions = [where(0, INSIDE), where(10, OUTSIDE), where(20, OUTSIDE), where(30, INSIDE)]
    positions.append(where(40, OUTSIDE))
    assert departures(ZONE, None, reversed(positions)) == [positions[1], positions[4]]


def test_a_first_position_outside_counts_as_leaving() -> None:
    assert departures(ZONE, None, [where(0, OUTSIDE)]) == [where(0, OUTSIDE)]


def test_positions_older_than_the_newest_known_move_nothing() -> None:
    assert departures(ZONE, where(30, INSIDE), [where(0, OUTSIDE), where(30, OUTSIDE)]) == []
    assert departures(ZONE, where(30, OUTSIDE), [where(40, OUTSIDE)]) == []
    assert departures(ZONE, where(30, INSIDE), [where(40, OUTSIDE)]) == [where(40, OUTSIDE)]


@pytest.mark.parametrize("radius", [49, 50_001, "200", None])
def test_a_safe_zone_is_50_m_to_50_km(radius: object) -> None:
    with pytest.raises(InvalidInput):
        SafeZone.checked(52.5, 13.4, radius)
    assert SafeZone.checked(52.5, 13.4, 50).radius_m == 50.0


def test_jobs_travel_as_messages_and_back() -> None:
    for job in (ProcessBundle("b-1"), ExportAccount("alice", new_export_id())):
        assert job_from_message(job_to_message(job)) == job
    for body in ('{"job": "export-account", "owner_id": "alice"}', '{"job": "export"}'):
        with pytest.raises(ValueError):
            job_from_message(body)


def test_an_export_is_one_gzip_member_of_its_lines_whatever_their_number() -> None:
    lines = [json.dumps({"n": n, "pad": "x" * 50}) for n in range(5000)]
    chunks = list(gzipped(iter(lines)))
    assert len(chunks) > 2
    assert gzip.decompress(b"".join(chunks)).decode().splitlines() == lines


def test_an_export_lives_under_its_owners_folder_and_only_its_ids_are_found() -> None:
    export_id = new_export_id()
    assert export_key("alice", export_id) != export_key("bob", export_id)
    assert "alice" not in export_key("alice", export_id)
    assert checked_export_id(export_id) == export_id
    for bad in ("../x", "A" * 32, "", "1" * 33):
        with pytest.raises(NotFound):
            checked_export_id(bad)


def test_pages_follow_each_other_and_a_cursor_is_the_callers_only() -> None:
    paging = PageOf(HmacPageCursors(secrets.token_bytes(32)))
    alice, names = Caller("alice"), ["e", "a", "d", "b", "c"]

    def page(
        cursor: str | None, caller: Caller = alice, scope: str = "pets"
    ) -> tuple[list[str], str | None]:
        found = paging(PageQuery(caller, scope, names, lambda n: (n,), "2", cursor))
        return found.items, found.next_cursor

    first, cursor = page(None)
    second, cursor2 = page(cursor)
    third, last = page(cursor2)
    assert (first, second, third, last) == (["a", "b"], ["c", "d"], ["e"], None)
    for caller, scope in (
        (Caller("bob"), "pets"),
        (Caller("alice", "app-1"), "pets"),
        (alice, "grants"),
    ):
        with pytest.raises(InvalidInput):
            page(cursor, caller, scope)
