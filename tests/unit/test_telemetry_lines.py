"""The lines the use cases write: a delivery's counts and lag, a push that failed, a job that
failed, each in the trace it ran in."""

from __future__ import annotations

from datetime import timedelta

import pytest

from adapters.local.memory_dead_letters import InMemoryDeadLetters
from application import tracing
from application.ports.notifications import PushNotifier
from application.use_cases.announce import Announce
from application.use_cases.keep_undelivered import KeepUndelivered, KeepUndeliveredCommand
from application.use_cases.observe import JobFailed, Observe
from application.use_cases.record_deliveries import RecordDeliveries, RecordDeliveriesCommand
from application.use_cases.record_readings import RecordReadingsCommand
from domain.announcements import GoalReached, Phone
from domain.pets import Pet

from .conftest import ALICE, BOB, NOW, Core, reading


class Unreachable(PushNotifier):
    def __init__(self, error: Exception | None = None) -> None:
        self._error = error

    def send(self, phone: Phone, text: str) -> bool:
        if self._error is not None:
            raise self._error
        return False

    def forget(self, phone: Phone) -> None:
        """Nothing kept."""


@pytest.fixture
def rex(core: Core) -> Pet:
    pet = core.register_pet(ALICE, "Rex")
    core.pair(ALICE, pet)
    core.register_phone(ALICE, "alice-iphone")
    return pet


def goal(pet: Pet) -> GoalReached:
    return GoalReached(ALICE.user_id, pet.id, pet.name, NOW.date(), 8000)


def test_a_delivery_is_one_line_with_its_ids_counts_and_lag(core: Core, rex: Pet) -> None:
    an_hour_ago = (NOW - timedelta(hours=1)).isoformat()
    with tracing.traced("packet-0001", request_id="req-1"):
        core.report("TRK-001", reading(an_hour_ago), reading(NOW.isoformat(), steps=-1))
    (stored,) = [line for line in core.lines() if line["message"] == "delivery-stored"]
    assert stored["correlation_id"] == "packet-0001" and stored["request_id"] == "req-1"
    assert (stored["tracker_id"], stored["pet_id"], stored["owner_id"]) == (
        "TRK-001",
        rex.id,
        "alice",
    )
    assert (stored["accepted"], stored["rejected"], stored["duplicates"]) == (1, 1, 0)
    exposition = core.telemetry.exposition()[1].decode()
    assert "pawtrack_ingest_lag_seconds_sum 3600.0" in exposition


def test_a_push_to_an_unreachable_phone_is_a_failed_push(core: Core, rex: Pet) -> None:
    Announce(core.phones, Unreachable(), core.live, core.telemetry)(goal(rex))
    (failed,) = [line for line in core.lines() if line["message"] == "push-failed"]
    assert (failed["phone"], failed["error"], failed["kind"]) == (
        "alice-iphone",
        "unreachable",
        "GoalReached",
    )


def test_a_push_that_failed_for_the_service_is_told_then_raised(core: Core, rex: Pet) -> None:
    announce = Announce(core.phones, Unreachable(TimeoutError()), core.live, core.telemetry)
    with pytest.raises(TimeoutError):
        announce(goal(rex))
    (failed,) = [line for line in core.lines() if line["message"] == "push-failed"]
    assert failed["error"] == "TimeoutError" and "pawtrack_push_failed_total 1.0" in (
        core.telemetry.exposition()[1].decode()
    )


@pytest.mark.parametrize(
    ("attempt", "told"), [(1, "job-retried"), (4, "job-retried"), (5, "job-dead-lettered")]
)
def test_a_failed_job_is_retried_until_its_last_delivery(
    core: Core, attempt: int, told: str
) -> None:
    Observe(core.telemetry)(JobFailed("message-1", attempt, "NotFound: no bundle"))
    (line,) = core.lines()
    assert (line["message"], line["attempt"], line["message_id"]) == (told, attempt, "message-1")


def test_a_batch_is_one_chain_whose_lines_name_each_deliverys_own_ids(core: Core, rex: Pet) -> None:
    """A batch of packets of two owners' trackers, one of them unpaired, one refused whole: one
    correlation id, and each tracker's lines (stored, goal, live update) name its own pet and
    owner, whichever tracker the batch took last."""
    luna = core.register_pet(BOB, "Luna")
    core.pair(BOB, luna, "TRK-002")
    core.listen(ALICE)
    core.listen(BOB)
    record = RecordDeliveries(core.intake, core.clock, core.telemetry)
    packets = [
        RecordReadingsCommand("TRK-001", [reading(NOW.isoformat(), steps=9000)], answered=False),
        RecordReadingsCommand("TRK-404", [reading(NOW.isoformat())], answered=False),
        RecordReadingsCommand("trk/1", [reading(NOW.isoformat())], answered=False),
        RecordReadingsCommand("TRK-002", [reading(NOW.isoformat(), steps=40)], answered=False),
    ]
    with tracing.traced("batch-00001", request_id="req-2"):
        record(RecordDeliveriesCommand(packets))
    lines = core.lines()
    assert {line["correlation_id"] for line in lines} == {"batch-00001"}
    stored = {line["tracker_id"]: line for line in lines if line["message"] == "delivery-stored"}
    assert {
        serial: (line.get("pet_id"), line.get("owner_id")) for serial, line in stored.items()
    } == {
        "TRK-001": (rex.id, "alice"),
        "TRK-404": (None, None),
        "TRK-002": (luna.id, "bob"),
    }
    assert stored["TRK-404"]["quarantined"] == 1
    (refused,) = [line for line in lines if line["message"] == "delivery-refused"]
    assert "tracker_id" not in refused and "pet_id" not in refused
    live = {
        line["owner_id"]: line["pet_id"] for line in lines if line["message"] == "live-update-sent"
    }
    assert live == {"alice": rex.id, "bob": luna.id}
    (pushed,) = [line for line in lines if line["message"] == "push-sent"]
    assert (pushed["kind"], pushed["owner_id"], pushed["pet_id"]) == (
        "GoalReached",
        "alice",
        rex.id,
    )


def test_a_conflicting_reading_is_counted_apart(core: Core, rex: Pet) -> None:
    core.report("TRK-001", reading(NOW.isoformat(), steps=10))
    report = core.report("TRK-001", reading(NOW.isoformat(), steps=11))
    assert (report.quarantined, report.conflicting) == (1, 1)
    stored = [line for line in core.lines() if line["message"] == "delivery-stored"]
    assert [line["conflicting"] for line in stored] == [0, 1]
    assert "pawtrack_readings_conflicting_total 1.0" in core.telemetry.exposition()[1].decode()


def test_parked_deliveries_are_told(core: Core) -> None:
    keep = KeepUndelivered(InMemoryDeadLetters(), core.clock, core.telemetry)
    name = keep(KeepUndeliveredCommand("iot-hub", "ConnectionError()", [b"{}", b"[]"]))
    (parked,) = core.lines()
    assert (parked["message"], parked["source"], parked["count"], parked["kept_as"]) == (
        "deliveries-parked",
        "iot-hub",
        2,
        name,
    )
