"""The lines the use cases write: a delivery's counts and lag, a push that failed, a job that
failed, each in the trace it ran in."""

from __future__ import annotations

from datetime import timedelta

import pytest

from application import tracing
from application.ports.notifications import PushNotifier
from application.use_cases.announce import Announce
from application.use_cases.observe import JobFailed, Observe
from domain.announcements import GoalReached, Phone
from domain.pets import Pet

from .conftest import ALICE, NOW, Core, reading


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
