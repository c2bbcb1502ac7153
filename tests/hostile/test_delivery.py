"""The same delivery, 5 times and 2 of them at the same moment, counts once on every binding.

Each kind is delivered twice at once (two threads behind a barrier), then three times more;
then the platform settles (queued jobs and domain events are delivered). The day's steps count
the readings once, the goal notification goes out once, and a bundle's report counts each of
its readings once (and, where no two runs of its job overlap, as accepted).

What each binding delivers:

- aws: the IoT topic rule's event into `iot.handler`; S3's ObjectCreated into `s3.handler`
  (each queues a job on the real SQS queue, then consumed); one received SQS message handed to
  `sqs.handler` 5 times.
- azure: the Event Hub batch into `iot_readings`; Event Grid's BlobCreated into
  `bundles_created` (each queues a job on the real Storage Queue, then consumed); one received
  queue message handed to `jobs_process` 5 times, with growing dequeue counts.
- http: the tracker platform's POST /ingest/readings stands for the packet; the upload link PUT
  again stands for the bundle event (the file store announces each write). There is no queue
  message: the in-process queue runs each job it is given at once, so the job given to it 5
  times stands for the redelivered message.
- core: the RecordReadings use case stands for the packet, the in-memory store's write through
  the upload link for the bundle event, and, as on http, the job given 5 times to the
  in-process queue for the message.
"""

from __future__ import annotations

import base64
import contextlib
import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from dependency_injector import providers

from adapters.local.memory_activity_ledger import InMemoryActivityLedger
from application.messages.jobs import job_to_message
from application.ports.bundles import BundleRepository
from application.ports.messaging import ProcessBundle
from domain.bundles import Bundle, BundleStatus
from entrypoints.settings import Cloud, LocalSettings, Settings
from entrypoints.wiring import build_container
from tests.contracts.concurrency import all_at_once
from tests.hostile.delivery_hosts import parked_sqs, parked_storage, queue_trigger, sqs_event_source
from tests.hostile.delivery_paths import Deliver, Paths, jsonl, paths_of
from tests.support.aws import MAX_RECEIVES, client
from tests.support.drivers.azure import MAX_DEQUEUE
from tests.support.drivers.base import Delivery
from tests.support.figures import Figures

NOW = datetime(2026, 11, 21, 10, tzinfo=UTC)
DAY = date(2026, 11, 20)
READINGS: list[dict[str, object]] = [
    {"time": "2026-11-20T07:00:00Z", "steps": 4000, "battery": 80},
    {"time": "2026-11-20T07:05:00Z", "steps": 3000, "latitude": 52.52, "longitude": 13.405},
    {"time": "2026-11-20T07:10:00Z", "steps": 2000},
]
STEPS = 9000
GOAL = "Rex reached the daily goal of 8000 steps"
ROW = "duplicate-deliveries"


@pytest.fixture
def paths(binding: str, driver: Any) -> Iterator[Paths]:
    driver.set_time(NOW)
    driver.add_user("alice")
    driver.register_pet("alice", "dog", "Rex", 20)
    driver.pair_tracker("alice", "TRK-001", "Rex")
    driver.register_phone("alice", "ios", "alice-phone")
    # A warm process, which has recorded before: concurrent first uses of a cold container are
    # test_concurrent_first_uses_of_a_store_share_one_adapter's case.
    driver.report_readings("TRK-001", [{"time": "2026-11-19T12:00:00Z", "steps": 10}])
    yield paths_of(binding, driver)


def five_times(deliver: Deliver) -> list[object]:
    """Twice at the same moment (the first two, so both find the readings new), then three
    more times: what each delivery answered."""
    answers = all_at_once([deliver, deliver])
    return answers + [deliver() for _ in range(3)]


def accepted(answer: object) -> int | None:
    """How many readings a delivery's answer says it accepted, where the entrypoint answers."""
    if isinstance(answer, Delivery):
        return answer.accepted
    if isinstance(answer, dict) and "accepted" in answer:
        return int(answer["accepted"])
    return None


def counted_once(driver: Any) -> dict[str, object]:
    """What differs from readings counted once and the goal announced once (empty: all held)."""
    found = {
        "steps": driver.activity("alice", "Rex", DAY).steps,
        "goal notifications": driver.received_notifications("alice-phone").count(GOAL),
    }
    wanted = {"steps": STEPS, "goal notifications": 1}
    return {name: value for name, value in found.items() if value != wanted[name]}


def reported_once(report: Delivery | None) -> dict[str, object]:
    """Each reading in the report once, as accepted or as a duplicate: which of the two is
    test_a_job_run_twice_at_once_reports_its_readings_accepted's case."""
    if report is None or report.accepted + report.duplicates != len(READINGS) or report.rejected:
        return {"report": report}
    return {}


def test_a_packet_delivered_five_times_counts_once(
    binding: str, driver: Any, paths: Paths, figures: Figures
) -> None:
    answers = five_times(paths.packet("TRK-001", READINGS))
    paths.settle()

    wrong = counted_once(driver)
    reported = [n for n in map(accepted, answers) if n is not None]
    if reported and sum(reported) != len(READINGS):
        wrong["accepted across deliveries"] = reported
    figures.record(ROW, binding, held=not wrong)
    assert not wrong


@pytest.mark.parametrize("delivery", ["bundle_event", "job_message"])
def test_a_bundle_event_or_job_message_delivered_five_times_counts_once(
    binding: str, driver: Any, paths: Paths, figures: Figures, delivery: str
) -> None:
    upload = paths.upload("alice", "TRK-001", jsonl(READINGS))
    five_times(getattr(paths, delivery)(upload))
    paths.settle()

    wrong = counted_once(driver) | reported_once(paths.report("alice", upload.bundle_id))
    figures.record(ROW, binding, held=not wrong)
    assert not wrong


class ReadBothThenSaveAcceptedFirst(BundleRepository):
    """The container's bundle records, with the interleaving of two runs of one job that
    SQS or the queue trigger may deliver at once: both read the bundle while it waits, then the
    run that accepted the readings saves its report first and the other run saves after it."""

    def __init__(self, records: BundleRepository) -> None:
        self._records = records
        self._both_read = threading.Barrier(2, timeout=5)
        self._accepted_saved = threading.Event()

    def get(self, bundle_id: str) -> Bundle | None:
        bundle = self._records.get(bundle_id)
        if bundle is not None and bundle.status is BundleStatus.WAITING:
            with contextlib.suppress(threading.BrokenBarrierError):  # a lone reader goes on
                self._both_read.wait()
        return bundle

    def save(self, bundle: Bundle) -> None:
        if bundle.report is not None and bundle.report.accepted:
            self._records.save(bundle)
            self._accepted_saved.set()
            return
        self._accepted_saved.wait(timeout=5)
        self._records.save(bundle)

    def of_owner(self, owner_id: str) -> list[Bundle]:
        return self._records.of_owner(owner_id)

    def remove(self, bundle_id: str) -> None:
        self._records.remove(bundle_id)


def test_a_job_run_twice_at_once_reports_its_readings_accepted(
    binding: str, driver: Any, paths: Paths, figures: Figures
) -> None:
    upload = paths.upload("alice", "TRK-001", jsonl(READINGS))
    container = driver.c
    container.ports().bundles.override(
        providers.Object(ReadBothThenSaveAcceptedFirst(container.ports.bundles()))
    )
    deliver = paths.job_message(upload)
    all_at_once([deliver, deliver])
    container.ports().bundles.reset_override()
    paths.settle()

    wrong = counted_once(driver)
    report = paths.report("alice", upload.bundle_id)
    if report != Delivery(len(READINGS), 0, ()):
        wrong["report"] = report
    figures.record(ROW, binding, held=not wrong)
    assert not wrong


def test_concurrent_first_uses_of_a_store_share_one_adapter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cold Functions worker runs its first invocations on a thread pool at once; the in-memory
    ledger here takes a moment to build, as any adapter may (imports, clients)."""
    built = InMemoryActivityLedger.__init__

    def slowly(self: InMemoryActivityLedger) -> None:
        time.sleep(0.05)
        built(self)

    monkeypatch.setattr(InMemoryActivityLedger, "__init__", slowly)
    container = build_container(Settings(Cloud.MEMORY, LocalSettings(data_dir=tmp_path)))
    ledgers = all_at_once([container.ports.ledger, container.ports.ledger])
    assert ledgers[0] is ledgers[1]


def poisons(paths: Paths) -> dict[str, str]:
    """Job messages that can never be processed, by what is wrong with them: the last two are
    jobs whose processing raises (NotFound)."""
    never_uploaded = paths.start("alice", "TRK-001")["bundle_id"]
    return {
        "malformed body": '{"job": "process-bundle", "bundle_id": ',
        "unknown job kind": '{"job": "send-spam", "bundle_id": "x"}',
        "no such bundle": job_to_message(ProcessBundle("no-such-bundle")),
        "bundle never uploaded": job_to_message(ProcessBundle(never_uploaded)),
    }


@pytest.mark.bindings("aws", "azure")
def test_poisoned_jobs_are_reported_alone_then_parked_and_the_rest_processed(
    binding: str, driver: Any, paths: Paths, figures: Figures
) -> None:
    """A batch of good and poisoned job messages on the real queue: every round names exactly
    the poisoned ones, which after the maximum deliveries end in the dead-letter (SQS) or poison
    (Storage Queue) queue, and the good jobs are processed once. core and http have no queue of
    messages: the in-process queue runs a job in the caller's thread, and a failure raises to
    the caller (the upload), so there is nothing to report, retry or park."""
    first, second = READINGS[:2], READINGS[2:]
    uploads = [paths.upload("alice", "TRK-001", jsonl(part)) for part in (first, second)]
    bad = poisons(paths)
    for upload in uploads:
        paths.bundle_event(upload)()  # queues the good job
    if binding == "aws":
        queue, dlq = driver.testbed.jobs_queue_url, driver.testbed.jobs_dlq_url
        ids = {
            client("sqs").send_message(QueueUrl=queue, MessageBody=body)["MessageId"]: body
            for body in bad.values()
        }
        reported = sqs_event_source(queue, rounds=MAX_RECEIVES + 3)
        named = [{ids[i] for i in failed if i in ids} | (failed - set(ids)) for failed in reported]
        parked, tries = parked_sqs(dlq), MAX_RECEIVES
    else:
        jobs, poison = driver.jobs, driver.poison
        for body in bad.values():
            jobs.send_message(base64.b64encode(body.encode()).decode())
        named = queue_trigger(jobs, poison, rounds=MAX_DEQUEUE + 3)
        parked, tries = parked_storage(poison), MAX_DEQUEUE
    paths.settle()

    reports = [paths.report("alice", upload.bundle_id) for upload in uploads]
    processed = reports == [Delivery(2, 0, ()), Delivery(1, 0, ())] and counted_once(driver) == {}
    for body in bad.values():
        held = (
            processed
            and len(named) == tries
            and all(failed == set(bad.values()) for failed in named)
            and parked.count(body) == 1
        )
        figures.record("poison-messages", binding, held=held)
    assert named[0] == set(bad.values()), "exactly the poisoned messages fail, in the first batch"
    assert all(failed == set(bad.values()) for failed in named), named
    assert len(named) == tries, "retried until the maximum deliveries, then parked"
    assert sorted(parked) == sorted(bad.values())
    assert reports == [Delivery(2, 0, ()), Delivery(1, 0, ())]
    assert counted_once(driver) == {}


# Batches of many trackers' packets: the readings queue's batches (aws), IoT Hub's Event Hub
# batches (azure), the batch use case in process (core, http).

OTHERS: list[dict[str, object]] = [
    {"time": "2026-11-20T08:00:00Z", "steps": 500, "battery": 10},
    {"time": "2026-11-20T08:01:00Z", "steps": 700, "latitude": 48.85, "longitude": 2.35},
]


def bellos_tracker(driver: Any) -> None:
    driver.add_user("root", admin=True)
    driver.add_user("bob")
    driver.register_pet("bob", "dog", "Bello", 30)
    driver.pair_tracker("bob", "TRK-002", "Bello")
    driver.register_phone("bob", "android", "bob-phone")


def test_a_batch_of_many_trackers_delivered_five_times_counts_once(
    binding: str, driver: Any, paths: Paths, figures: Figures
) -> None:
    bellos_tracker(driver)
    stray = [{"time": "2026-11-20T09:00:00Z", "steps": 5}]
    deliver = paths.batch(
        [
            ("TRK-001", READINGS[:2]),
            ("TRK-002", OTHERS),
            ("TRK-404", stray),
            ("TRK-001", READINGS[2:]),
        ]
    )
    five_times(deliver)
    paths.settle()

    wrong = counted_once(driver)
    found = {
        "bello": driver.activity("bob", "Bello", DAY).steps,
        "battery": driver.received_notifications("bob-phone"),
        "stray": driver.quarantined("root", "TRK-404"),
    }
    wanted = {
        "bello": 1200,
        "battery": ["The tracker of Bello needs charging (10% left)"],
        "stray": 1,
    }
    wrong |= {name: value for name, value in found.items() if value != wanted[name]}
    figures.record(ROW, binding, held=not wrong)
    assert not wrong


@pytest.fixture
def quick_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """The SDKs' waits between attempts, 20 times shorter (how many attempts is left alone)."""
    from azure.core.pipeline.policies import RetryPolicy
    from botocore.retries.standard import ExponentialBackoff

    for owner, name in ((ExponentialBackoff, "delay_amount"), (RetryPolicy, "get_backoff_time")):
        real = getattr(owner, name)
        monkeypatch.setattr(owner, name, lambda self, context, real=real: real(self, context) / 20)


@pytest.mark.bindings("aws", "azure")
@pytest.mark.usefixtures("quick_backoff")
def test_a_packet_that_can_never_be_recorded_is_parked_and_the_rest_recorded(
    binding: str, driver: Any, paths: Paths, figures: Figures
) -> None:
    """Bello's days can never be written: the readings queue names his packet in every round
    until its redrive policy moves it to the dead-letter queue (aws); IoT Hub's batch is tried
    by the retry policy, then his packet is kept in the poison store (azure). Rex's packet in
    the same batches is recorded once, and nothing is lost."""
    from tests.hostile.faults_injection import Busy, Throttled, day_writes, naming

    bellos_tracker(driver)
    bello = naming(f"PET#{driver.ids['Bello']}" if binding == "aws" else driver.ids["Bello"])
    packets = [("TRK-001", READINGS), ("TRK-002", OTHERS)]
    if binding == "aws":
        fault: Any = Throttled(
            driver.c.ports().dynamodb(), "UpdateItem", "ProvisionedThroughputExceededException",
            matching=bello,
        )  # fmt: skip
        parked, tries = aws_parked(driver, packets), MAX_RECEIVES
    else:
        fault = Busy(driver.c.ports().tables(), lambda r: day_writes(r) and bello(r))
        parked, tries = azure_parked(driver, packets), 6
    fault.stop()
    paths.settle()

    wrong = counted_once(driver)
    if driver.activity("bob", "Bello", DAY).steps != 0:
        wrong["bello"] = driver.activity("bob", "Bello", DAY).steps
    held = not wrong and parked == {"TRK-002": tries}
    figures.record("poison-messages", binding, held=held)
    assert parked == {"TRK-002": tries}, "only Bello's packet, after every try"
    assert not wrong


def aws_parked(driver: Any, packets: list[tuple[str, list[dict[str, object]]]]) -> dict[str, int]:
    """Runs the readings queue's event source mapping until the queue is empty: which tracker's
    packets landed in the dead-letter queue, and in how many rounds each was named."""
    from entrypoints.aws_lambda import readings
    from tests.support.drivers import aws_events

    queue, dlq = driver.testbed.readings_queue_url, driver.testbed.readings_dlq_url
    ids = {
        client("sqs").send_message(QueueUrl=queue, MessageBody=aws_events.iot_rule(s, r))[
            "MessageId"
        ]: s
        for s, r in packets
    }
    rounds = sqs_event_source(queue, MAX_RECEIVES + 3, handler=readings.handler)
    named = Counter(ids[i] for failed in rounds for i in failed)
    assert [json.loads(body)["tracker"] for body in parked_sqs(dlq)] == list(named)
    return dict(named)


def azure_parked(driver: Any, packets: list[tuple[str, list[dict[str, object]]]]) -> dict[str, int]:
    """The batch through `iot_readings` as the host's retry policy runs it (5 retries): which
    tracker's packets the poison store kept, and after how many tries."""
    from tests.support.drivers.azure import HostContext, RetryContext, _iot_event, host_function

    function = host_function("iot_readings")
    events = [_iot_event(serial, {"readings": sent}) for serial, sent in packets]
    tries = 0
    for attempt in range(6):
        tries += 1
        try:
            function(events, HostContext(RetryContext(attempt)))
            break
        except Exception:  # noqa: BLE001 (the host retries whatever the function raised)
            continue
    kept = [
        json.loads(p)["device_id"]
        for letter in driver.c.ports.dead_letters().kept()
        for p in letter.payloads
    ]
    return {serial: tries for serial in kept}
