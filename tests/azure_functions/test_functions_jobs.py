"""The jobs queue's consumer: one message, one job; a failure raises, so the host redelivers
the message and, after maxDequeueCount deliveries, moves it to the poison queue."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime

import azure.functions as func
import pytest
from azure.functions import meta
from azure.functions.queue import QueueMessageInConverter

from application.messages.jobs import job_to_message
from application.ports.messaging import Job, ProcessBundle
from entrypoints.azure_functions.jobs import process_job
from entrypoints.triggers import DeliveryFailed
from entrypoints.wiring import Container

from .conftest import provide, telemetry_lines

BUNDLE = "9c1d5e3a7f2b4c6d8e0f1a2b3c4d5e6f"


class Worker:
    """Processes jobs as told: keeps those it ran, raises `failure` if given one."""

    def __init__(self, failure: Exception | None = None) -> None:
        self.ran: list[Job] = []
        self.failure = failure

    def __call__(self, job: Job) -> None:
        if self.failure is not None:
            raise self.failure
        self.ran.append(job)


def message(body: str, dequeue_count: int = 1) -> func.QueueMessage:
    """Decoded by the library's converter from what the host sends: the body (already decoded
    from base64 by the host) and the message's metadata."""
    when = datetime(2026, 11, 21, 10, 0, tzinfo=UTC).isoformat()
    decoded: func.QueueMessage = QueueMessageInConverter.decode(
        meta.Datum(body, "string"),
        trigger_metadata={
            "Id": meta.Datum("5a9c3a52-2d21-4bd5-9a5b-5e1f2f3a4b6c", "string"),
            "DequeueCount": meta.Datum(str(dequeue_count), "string"),
            "InsertionTime": meta.Datum(json.dumps(when), "json"),
            "ExpirationTime": meta.Datum(json.dumps(when), "json"),
            "NextVisibleTime": meta.Datum(json.dumps(when), "json"),
            "PopReceipt": meta.Datum("AgAAAAMAAAAAAAAA", "string"),
        },
    )
    return decoded


def test_a_job_message_runs_its_job(container: Container) -> None:
    worker = Worker()
    provide(container, "run_job", worker)
    process_job(message(job_to_message(ProcessBundle(BUNDLE))))
    assert worker.ran == [ProcessBundle(BUNDLE)]


def test_the_job_queue_writes_what_the_host_reads_after_its_base64() -> None:
    sent = base64.b64encode(job_to_message(ProcessBundle(BUNDLE)).encode()).decode()
    assert json.loads(base64.b64decode(sent)) == {"job": "process-bundle", "bundle_id": BUNDLE}


@pytest.mark.parametrize(
    "body", ["not json", '{"job": "send-spam"}', '{"job": "process-bundle"}', "[]"]
)
def test_an_unreadable_message_raises_and_is_logged_with_its_delivery_count(
    container: Container, body: str
) -> None:
    worker = Worker()
    provide(container, "run_job", worker)
    with pytest.raises(DeliveryFailed):
        process_job(message(body, dequeue_count=3))
    assert worker.ran == []
    (retried,) = telemetry_lines(container, "job-retried")
    assert retried["attempt"] == 3 and "5a9c3a52" in str(retried["message_id"])


def test_a_bundle_that_is_not_there_raises_so_that_it_is_retried(container: Container) -> None:
    with pytest.raises(DeliveryFailed):
        process_job(message(job_to_message(ProcessBundle(BUNDLE)), dequeue_count=5))
    (parked,) = telemetry_lines(container, "job-dead-lettered")
    assert parked["attempt"] == 5 and str(parked["reason"]).startswith("NotFound: ")


def test_an_unexpected_error_raises_too(container: Container) -> None:
    provide(container, "run_job", Worker(ConnectionError("the table is unreachable")))
    with pytest.raises(ConnectionError):
        process_job(message(job_to_message(ProcessBundle(BUNDLE))))
