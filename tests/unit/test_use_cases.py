"""Use cases on the in-memory adapters: announcements, quarantine and bundles."""

from __future__ import annotations

from datetime import date

import pytest

from application.intake import NOT_PAIRED
from application.use_cases.list_quarantine import ListQuarantine, ListQuarantineQuery
from application.use_cases.record_readings import (
    MAX_READINGS_PER_DELIVERY,
    RecordReadings,
    RecordReadingsCommand,
)
from application.use_cases.set_time_zone import SetTimeZone, SetTimeZoneCommand
from application.use_cases.start_bundle_upload import StartBundleUpload, StartBundleUploadCommand
from domain.announcements import BatteryLow, GoalReached
from domain.errors import AccessDenied, InvalidInput, NotFound
from domain.pets import Pet
from domain.readings import DeliveryReport, Rejection

from .conftest import ALICE, BOB, OPS, Core, reading

TODAY, YESTERDAY = date(2026, 11, 21), date(2026, 11, 20)
GOAL = "Rex reached the daily goal of 8000 steps"
GOAL_DAY = [
    reading("2026-11-21T08:00:00Z", 5000),
    reading("2026-11-21T09:00:00Z", 3500),
    reading("2026-11-21T09:30:00Z", 1000),
]


@pytest.fixture
def phones(core: Core, rex: Pet) -> None:
    core.register_phone(ALICE, "alice-iphone", "ios")
    core.register_phone(ALICE, "alice-tablet", "android")


def quarantined(core: Core, serial: str) -> list[tuple[str, str | None]]:
    entries = ListQuarantine(core.quarantine, core.clock)(ListQuarantineQuery(OPS, serial))
    return [(entry.reason, entry.field) for entry in entries]


@pytest.mark.usefixtures("phones")
def test_the_goal_is_announced_once_on_every_phone_across_redeliveries(core: Core) -> None:
    for sent in GOAL_DAY:
        core.report("TRK-001", sent)
    assert core.report("TRK-001", *GOAL_DAY) == DeliveryReport(duplicates=3)
    assert core.texts("alice-iphone") == [GOAL]
    assert core.texts("alice-tablet") == [GOAL]


@pytest.mark.usefixtures("phones")
def test_the_goal_is_announced_again_on_another_day(core: Core) -> None:
    core.report(
        "TRK-001", reading("2026-11-20T08:00:00Z", 8000), reading("2026-11-21T08:00:00Z", 9000)
    )
    assert core.texts("alice-iphone") == [GOAL, GOAL]


@pytest.mark.usefixtures("phones")
def test_a_day_below_the_goal_stays_quiet(core: Core) -> None:
    core.report("TRK-001", reading("2026-11-21T08:00:00Z", 7999))
    assert core.texts("alice-iphone") == []


@pytest.mark.usefixtures("phones")
def test_a_low_battery_is_announced_once_per_episode(core: Core) -> None:
    levels = [("06:00", 14), ("06:10", 12), ("07:00", 90), ("09:00", 9)]
    sent = [reading(f"2026-11-21T{hhmm}:00Z", 10, battery=b) for hhmm, b in levels]
    core.report("TRK-001", *sent)
    core.report("TRK-001", *sent)
    core.report("TRK-001", sent[0])
    assert core.texts("alice-iphone") == [
        "The tracker of Rex needs charging (14% left)",
        "The tracker of Rex needs charging (9% left)",
    ]


def test_live_updates_follow_changes_of_the_days_steps(core: Core, rex: Pet) -> None:
    core.report("TRK-001", reading("2026-11-21T07:00:00Z", 300))  # nobody listens yet
    core.listen(ALICE)
    core.report("TRK-001", reading("2026-11-21T08:00:00Z", 900))
    core.report("TRK-001", reading("2026-11-21T08:00:00Z", 900), reading("2026-11-21T08:05:00Z", 0))
    assert [u.payload() for u in core.live.published] == [
        {"type": "activity-updated", "pet_id": rex.id, "day": "2026-11-21", "steps": 1200}
    ]


def test_days_follow_the_owners_time_zone(core: Core, rex: Pet) -> None:
    set_time_zone = SetTimeZone(core.owners, core.pets, core.trackers, core.clock)
    set_time_zone(SetTimeZoneCommand(ALICE, "Europe/Berlin"))
    core.report("TRK-001", reading("2026-11-20T23:30:00Z", 700))
    assert (core.steps(ALICE, rex, TODAY), core.steps(ALICE, rex, YESTERDAY)) == (700, 0)


def test_readings_of_an_unpaired_tracker_are_quarantined(core: Core) -> None:
    sent = reading("2026-11-21T09:00:00Z", 300)
    assert core.report("TRK-404", sent) == DeliveryReport(quarantined=1)
    core.report("TRK-404", sent)
    assert quarantined(core, "TRK-404") == [(NOT_PAIRED, None)]
    with pytest.raises(AccessDenied):
        ListQuarantine(core.quarantine, core.clock)(ListQuarantineQuery(ALICE, "TRK-404"))


def test_rejected_readings_are_quarantined_with_their_reason(core: Core, rex: Pet) -> None:
    report = core.report(
        "TRK-001", reading("2026-11-20T08:00:00Z", -5), reading("2026-11-20T09:00:00Z", 5)
    )
    assert (report.accepted, [(r.position, r.field) for r in report.rejected]) == (
        1,
        [(1, "steps")],
    )
    assert quarantined(core, "TRK-001") == [
        ("steps must be a whole number from 0 to 100000", "steps")
    ]
    assert core.steps(ALICE, rex, YESTERDAY) == 5


TOO_MANY = [reading("2026-11-21T09:00:00Z", 1)] * (MAX_READINGS_PER_DELIVERY + 1)


@pytest.mark.parametrize(
    "serial, readings, field",
    [
        ("pt/1001", [reading("2026-11-21T09:00:00Z", 1)], "tracker"),
        ("TRK-001", TOO_MANY, "readings"),
    ],
)
def test_a_delivery_refused_whole_raises_if_answered_else_is_rejection_0(
    core: Core,
    rex: Pet,
    serial: str,
    readings: list[dict[str, object]],
    field: str,
) -> None:
    record = RecordReadings(core.intake, core.clock, core.telemetry)
    with pytest.raises(InvalidInput) as refused:
        record(RecordReadingsCommand(serial, readings))
    assert refused.value.field == field
    report = record(RecordReadingsCommand(serial, readings, answered=False))
    assert report == DeliveryReport(rejected=(Rejection(0, field, refused.value.detail),))
    (told,) = [line for line in core.lines() if line["message"] == "delivery-refused"]
    assert (told["field"], told["reason"]) == (field, refused.value.detail)
    assert core.steps(ALICE, rex, TODAY) == 0 and quarantined(core, serial) == []


BUNDLE = [
    '{"time": "2026-11-20T07:00:00Z", "steps": 1000}',
    '{"time": "2026-11-20T07:05:00Z", "steps": 1500, "latitude": 52.52, "longitude": 13.405}',
    '{"time": "2026-11-20T07:10:00Z", "steps": "many"}',
    '{"time": "2026-11-20T07:15:00Z", "steps": 500, "battery": 60}',
]


def test_a_bundle_counts_good_lines_and_quarantines_the_bad_one(core: Core, rex: Pet) -> None:
    report = core.process_bundle(core.upload_bundle(ALICE, "TRK-001", BUNDLE)).report
    assert report is not None
    assert (report.accepted, report.duplicates) == (3, 0)
    assert [(r.position, r.field) for r in report.rejected] == [(3, "steps")]
    assert core.steps(ALICE, rex, YESTERDAY) == 3000
    assert [field for _, field in quarantined(core, "TRK-001")] == ["steps"]


def test_a_bundle_processed_twice_counts_once(core: Core, rex: Pet) -> None:
    bundle = core.upload_bundle(ALICE, "TRK-001", BUNDLE[:2])
    first = core.process_bundle(bundle)
    assert core.process_bundle(bundle) == first
    assert first.report == DeliveryReport(accepted=2)
    again = core.process_bundle(core.upload_bundle(ALICE, "TRK-001", BUNDLE[:2]))
    assert again.report == DeliveryReport(duplicates=2)
    assert core.steps(ALICE, rex, YESTERDAY) == 2500


def test_a_bundle_and_live_packets_of_the_same_readings_count_once(core: Core, rex: Pet) -> None:
    core.report("TRK-001", reading("2026-11-20T07:00:00Z", 1000))
    report = core.process_bundle(core.upload_bundle(ALICE, "TRK-001", BUNDLE[:1])).report
    assert report == DeliveryReport(duplicates=1)
    assert core.steps(ALICE, rex, YESTERDAY) == 1000


@pytest.mark.usefixtures("rex")
def test_nobody_else_can_sync_for_your_tracker(core: Core) -> None:
    with pytest.raises(NotFound):
        StartBundleUpload(core.bundles, core.trackers, core.blobs)(
            StartBundleUploadCommand(BOB, "TRK-001")
        )


@pytest.mark.usefixtures("phones")
def test_a_failing_publisher_releases_the_goal_claim(core: Core) -> None:
    core.events.kind, core.events.failures = GoalReached, 1
    with pytest.raises(ConnectionError):
        core.report("TRK-001", reading("2026-11-21T08:00:00Z", 8000))
    assert core.texts("alice-iphone") == []
    core.report("TRK-001", reading("2026-11-21T08:00:00Z", 8000))
    core.report("TRK-001", reading("2026-11-21T08:00:00Z", 8000))
    assert core.texts("alice-iphone") == [GOAL]


@pytest.mark.usefixtures("phones")
def test_a_failing_publisher_loses_no_battery_alert(core: Core) -> None:
    core.events.kind, core.events.failures = BatteryLow, 1
    low = reading("2026-11-21T08:00:00Z", 10, battery=9)
    with pytest.raises(ConnectionError):
        core.report("TRK-001", low)
    core.report("TRK-001", low)
    assert core.texts("alice-iphone") == ["The tracker of Rex needs charging (9% left)"]
