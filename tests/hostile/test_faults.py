"""Throttling injected under the clients the container built (faults_injection.py): DynamoDB
answering ProvisionedThroughputExceededException (or cancelling a transaction for throttling),
EventBridge ThrottlingException; Azure Tables and Event Grid answering 503 ServerBusy.

Throttling within the retry budget is absorbed: the delivery succeeds and counts once.
Throttling that outlasts it fails the delivery the way its trigger retries (the readings
function names the packet, the IoT Hub function raises, the jobs function names or raises),
and nothing is half written: each day's totals are those of the readings stored (a delivery of
two pet-days is two atomic writes, one per pet-day, and fails between them, so one day is
stored and counted, the other neither). A redelivery without faults then completes it, each
reading counted once and the goal announced once.

Only aws and azure have SDK clients to throttle; core and http run in process.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from azure.core.pipeline.policies import RetryPolicy
from botocore.retries.standard import ExponentialBackoff

from adapters.aws.clients import MAX_ATTEMPTS
from adapters.azure.clients import RETRIES
from domain.activity import DayTotals
from tests.hostile.delivery_hosts import queue_trigger, sqs_event_source
from tests.hostile.delivery_paths import Paths, jsonl, paths_of
from tests.hostile.faults_injection import (
    Busy,
    Throttled,
    cancelled_by_throttling,
    day_writes,
)
from tests.support.drivers.base import Delivery
from tests.support.figures import Figures

NOW = datetime(2026, 11, 21, 10, tzinfo=UTC)
DAY, NEXT = date(2026, 11, 20), date(2026, 11, 21)
# 60 readings of 150 steps on DAY (9000 steps: the goal), then 60 of 1 step on the next day:
# two pet-days, so two atomic writes on every store.
MANY: list[dict[str, object]] = [
    {
        "time": f"{(datetime(2026, 11, 20 + n // 60, 6, tzinfo=UTC) + timedelta(minutes=n % 60)).isoformat()}",
        "steps": 150 if n < 60 else 1,
    }
    for n in range(120)
]
STEPS = 9000
GOAL = "Rex reached the daily goal of 8000 steps"
ROW = "lost-under-faults"
# Faults are injected under the SDK clients the container built: the cloud bindings have them.
pytestmark = pytest.mark.bindings("aws", "azure")
THROTTLED = "ProvisionedThroughputExceededException"


@pytest.fixture
def quick_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """The SDKs' waits between attempts, 20 times shorter; how many attempts is left alone
    (test_retries_are_bounded keeps the real waits)."""
    for owner, name in ((ExponentialBackoff, "delay_amount"), (RetryPolicy, "get_backoff_time")):
        real = getattr(owner, name)
        monkeypatch.setattr(owner, name, lambda self, context, real=real: real(self, context) / 20)


@pytest.fixture
def paths(binding: str, driver: Any) -> Iterator[Paths]:
    driver.set_time(NOW)
    driver.add_user("alice")
    driver.register_pet("alice", "dog", "Rex", 20)
    driver.pair_tracker("alice", "TRK-001", "Rex")
    driver.register_phone("alice", "ios", "alice-phone")
    yield paths_of(binding, driver)


def throttle_ledger_writes(
    binding: str, driver: Any, *, times: int, after: int = 0
) -> Busy | Throttled:
    """The ledger's atomic writes of a pet-day throttled: DynamoDB's UpdateItem of the day item
    (a day of a packet, or of a bundle, fits it), a Tables pet-day entity's write."""
    if binding == "aws":
        return Throttled(
            driver.c.ports().dynamodb(), "UpdateItem", THROTTLED, times=times, after=after
        )
    return Busy(driver.c.ports().tables(), day_writes, times=times, after=after)


def written_whole(driver: Any) -> dict[str, object]:
    """What differs between each day's totals and the readings stored (empty: none half written).
    Read from the store itself: reading through the API would let the platform settle first."""
    ledger, pet, wrong = driver.c.ports.ledger(), driver.ids["Rex"], {}
    for day in (DAY, NEXT):
        stored = ledger.readings(pet, day)
        totals = ledger.totals(pet, day, day).get(day, DayTotals())
        expected = DayTotals(sum(r.steps for r in stored), len(stored))
        if totals != expected:
            wrong[f"{day}"] = {"totals": totals, "stored": expected}
    return wrong


def completed_once(driver: Any, readings: int) -> dict[str, object]:
    """What differs from every reading counted once and the goal announced once."""
    found = {
        "stored": stored(driver),
        "steps": driver.activity("alice", "Rex", DAY).steps,
        "goal notifications": driver.received_notifications("alice-phone").count(GOAL),
    }
    wanted = {"stored": readings, "steps": STEPS, "goal notifications": 1}
    return {name: value for name, value in found.items() if value != wanted[name]}


def stored(driver: Any) -> int:
    ledger = driver.c.ports.ledger()
    return sum(len(ledger.readings(driver.ids["Rex"], day)) for day in (DAY, NEXT))


@pytest.mark.usefixtures("quick_backoff")
def test_throttling_within_the_retry_budget_is_retried_and_counts_once(
    binding: str, driver: Any, paths: Paths, figures: Figures
) -> None:
    fault = throttle_ledger_writes(binding, driver, times=MAX_ATTEMPTS - 2)
    paths.packet("TRK-001", MANY)()
    fault.stop()
    paths.settle()

    wrong = written_whole(driver) | completed_once(driver, len(MANY))
    figures.record(ROW, binding, held=not wrong)
    assert fault.answered == MAX_ATTEMPTS - 2, "the throttling happened"
    assert not wrong


# 300 readings with a position on DAY: more than a day item keeps, so written with a chunk of
# their own in one DynamoDB transaction.
BIG: list[dict[str, object]] = [
    {
        "time": f"{(datetime(2026, 11, 20, 6, tzinfo=UTC) + timedelta(seconds=20 * n)).isoformat()}",
        "steps": 30,
        "latitude": 52.52 + n / 10_000,
        "longitude": 13.405,
    }
    for n in range(300)
]


@pytest.mark.bindings("aws")  # a cancellation reason of DynamoDB transactions
@pytest.mark.usefixtures("quick_backoff")
def test_a_transaction_cancelled_for_throttling_is_retried_by_the_ledger(
    binding: str, driver: Any, paths: Paths, figures: Figures
) -> None:
    """DynamoDB may cancel a transaction whose item is throttled (CancellationReasons
    ThrottlingError): botocore does not retry that, the ledger does, within its own bound."""
    fault = Throttled(
        driver.c.ports().dynamodb(),
        "TransactWriteItems",
        "TransactionCanceledException",
        times=3,
        body=cancelled_by_throttling(1),
    )
    paths.packet("TRK-001", BIG)()
    fault.stop()
    paths.settle()

    ledger, pet = driver.c.ports.ledger(), driver.ids["Rex"]
    wrong = written_whole(driver)
    if (
        len(ledger.readings(pet, DAY)) != len(BIG)
        or driver.activity("alice", "Rex", DAY).steps != 9000
    ):
        wrong["stored"] = len(ledger.readings(pet, DAY))
    figures.record(ROW, binding, held=not wrong)
    assert fault.answered == 3
    assert not wrong


@pytest.mark.usefixtures("quick_backoff")
def test_throttling_beyond_the_budget_fails_the_packet_and_the_redelivery_completes_it(
    binding: str, driver: Any, paths: Paths, figures: Figures
) -> None:
    deliver = paths.packet("TRK-001", MANY)
    fault = throttle_ledger_writes(binding, driver, times=10**6, after=1)  # DAY's write goes
    with pytest.raises(Exception):  # noqa: B017,PT011 (whatever the SDK raised reaches the trigger)
        deliver()
    fault.stop()
    paths.settle()
    after_fault = written_whole(driver)
    partly = stored(driver)

    deliver()
    paths.settle()
    wrong = after_fault | written_whole(driver) | completed_once(driver, len(MANY))
    figures.record(ROW, binding, held=not wrong)
    assert 0 < partly < len(MANY), "the fault came between two atomic writes"
    assert not wrong


@pytest.mark.usefixtures("quick_backoff")
def test_throttling_beyond_the_budget_fails_the_job_and_its_redelivery_completes_it(
    binding: str, driver: Any, paths: Paths, figures: Figures
) -> None:
    upload = paths.upload("alice", "TRK-001", jsonl(MANY))
    paths.bundle_event(upload)()  # queues the job
    fault = throttle_ledger_writes(binding, driver, times=10**6, after=1)
    failed = consume(binding, driver, rounds=1)
    fault.stop()
    after_fault = written_whole(driver)
    partly = stored(driver)

    retried = consume(binding, driver, rounds=3)
    paths.settle()
    report = paths.report("alice", upload.bundle_id)
    wrong = after_fault | written_whole(driver) | completed_once(driver, len(MANY))
    if report is None or report.accepted + report.duplicates != len(MANY):
        wrong["report"] = report
    figures.record(ROW, binding, held=not wrong)
    assert [len(f) for f in failed] == [1], "the job failed, to be delivered again"
    assert retried == [set()], "its redelivery succeeded"
    assert 0 < partly < len(MANY), "the fault came between two atomic writes"
    assert not wrong


@pytest.mark.usefixtures("quick_backoff")
def test_an_announcement_that_could_not_be_published_is_made_on_redelivery(
    binding: str, driver: Any, paths: Paths, figures: Figures
) -> None:
    """The goal is claimed, then its event is throttled beyond the budget: the claim is
    released and the delivery fails, so the redelivery announces it (once)."""
    publisher = driver.c.ports.events()._client
    # The goal's event is the delivery's first on the bus (live updates go straight to the
    # owner's open connections, none here).
    if binding == "aws":
        fault: Busy | Throttled = Throttled(publisher, "PutEvents", "ThrottlingException")
    else:
        fault = Busy(publisher)
    deliver = paths.packet("TRK-001", MANY)
    with pytest.raises(Exception):  # noqa: B017,PT011
        deliver()
    fault.stop()
    paths.settle()
    announced_early = driver.received_notifications("alice-phone").count(GOAL)

    deliver()
    paths.settle()
    wrong = written_whole(driver) | completed_once(driver, len(MANY))
    figures.record(ROW, binding, held=not wrong and announced_early == 0)
    assert fault.answered >= 1
    assert announced_early == 0
    assert not wrong


def test_retries_are_bounded(binding: str, driver: Any, paths: Paths) -> None:
    """A request throttled for ever is tried MAX_ATTEMPTS times (AWS standard mode;
    Azure's retry_total), then fails, in bounded time."""
    started = time.monotonic()
    if binding == "aws":
        fault: Busy | Throttled = Throttled(driver.c.ports().dynamodb(), "Query", THROTTLED)
    else:
        fault = Busy(driver.c.ports().tables())
    with pytest.raises(Exception):  # noqa: B017,PT011
        driver.c.ports.ledger().totals(driver.ids["Rex"], DAY, DAY)
    fault.stop()
    assert fault.calls == MAX_ATTEMPTS == RETRIES["retry_status"] + 1
    assert time.monotonic() - started < 30


def consume(binding: str, driver: Any, rounds: int) -> list[set[str]]:
    """The jobs queue's platform consumer (SQS event source mapping, queue trigger host)."""
    if binding == "aws":
        return sqs_event_source(driver.testbed.jobs_queue_url, rounds)
    return queue_trigger(driver.jobs, driver.poison, rounds)


@pytest.mark.usefixtures("quick_backoff")
def test_a_job_redelivered_after_a_failure_reports_every_reading_accepted(
    binding: str, driver: Any, paths: Paths, figures: Figures
) -> None:
    upload = paths.upload("alice", "TRK-001", jsonl(MANY))
    paths.bundle_event(upload)()
    fault = throttle_ledger_writes(binding, driver, times=10**6, after=1)
    consume(binding, driver, rounds=1)
    fault.stop()
    consume(binding, driver, rounds=3)

    report = paths.report("alice", upload.bundle_id)
    figures.record(ROW, binding, held=report == Delivery(len(MANY), 0, ()))
    assert report == Delivery(len(MANY), 0, ())
