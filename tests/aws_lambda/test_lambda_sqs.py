"""The jobs queue's consumer: each message of a batch stands alone, and only failures are retried."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from application.messages.jobs import job_to_message
from application.ports.messaging import Job, ProcessBundle
from application.use_cases.get_bundle import GetBundleQuery
from application.use_cases.start_bundle_upload import StartBundleUploadCommand
from domain.access import Caller
from domain.errors import NotFound
from entrypoints.aws_lambda.sqs import handler
from entrypoints.wiring import Container

from .conftest import paired_pet, provide, sample, telemetry_lines
from .test_lambda_s3 import KeptJobs

FIRST, SECOND = "2e1424d4-f796-459a-8184-9c92662be6da", "7b8e5c1a-3d2f-4e6b-9a0c-1f2e3d4c5b6a"
FIRST_BUNDLE = "9c1d5e3a7f2b4c6d8e0f1a2b3c4d5e6f"


class Worker:
    """Processes jobs as told: keeps those it ran, raises for the bundles in `failing`."""

    def __init__(self, failing: dict[str, Exception] | None = None) -> None:
        self.ran: list[Job] = []
        self.failing = failing or {}

    def __call__(self, job: Job) -> None:
        if job.bundle_id in self.failing:
            raise self.failing[job.bundle_id]
        self.ran.append(job)


def failures(answer: dict[str, Any]) -> list[str]:
    assert set(answer) == {"batchItemFailures"}
    return [failure["itemIdentifier"] for failure in answer["batchItemFailures"]]


def with_worker(container: Container, worker: Worker) -> Worker:
    provide(container, "run_job", worker)
    return worker


def test_a_batch_that_runs_reports_no_failures(container: Container) -> None:
    worker = with_worker(container, Worker())
    assert failures(handler(sample("sqs_jobs_batch"), None)) == []
    assert worker.ran == [
        ProcessBundle(FIRST_BUNDLE),
        ProcessBundle("0a7f3e9b2c4d4f6e8a1b3c5d7e9f1a2b"),
    ]


@pytest.mark.parametrize(
    "body", ["not json", '{"job": "send-spam"}', '{"job": "process-bundle"}', "[]"]
)
def test_an_unreadable_message_is_the_only_failure_of_its_batch(
    container: Container, body: str
) -> None:
    worker = with_worker(container, Worker())
    event = sample("sqs_jobs_batch")
    event["Records"][1]["body"] = body
    assert failures(handler(event, None)) == [SECOND]
    assert worker.ran == [ProcessBundle(FIRST_BUNDLE)]
    (retried,) = telemetry_lines(container, "job-retried")
    assert (retried["message_id"], retried["attempt"]) == (SECOND, 3)
    assert str(retried["reason"]).split(":")[0] in ("ValueError", "JSONDecodeError")


def test_a_job_failing_on_its_last_receive_is_told_as_dead_lettered(
    container: Container,
) -> None:
    with_worker(container, Worker({FIRST_BUNDLE: NotFound("bundle has not been uploaded")}))
    event = sample("sqs_jobs_batch")
    event["Records"][0]["attributes"]["ApproximateReceiveCount"] = "5"
    assert failures(handler(event, None)) == [FIRST]
    (parked,) = telemetry_lines(container, "job-dead-lettered")
    assert (parked["message_id"], parked["attempt"]) == (FIRST, 5)
    assert telemetry_lines(container, "job-retried") == []


def test_a_domain_error_fails_its_message_only(container: Container) -> None:
    with_worker(container, Worker({FIRST_BUNDLE: NotFound("bundle has not been uploaded")}))
    assert failures(handler(sample("sqs_jobs_batch"), None)) == [FIRST]


def test_an_unexpected_error_fails_its_message_and_is_logged_with_its_trace(
    container: Container, caplog: pytest.LogCaptureFixture
) -> None:
    worker = with_worker(container, Worker({FIRST_BUNDLE: RuntimeError("throttled")}))
    with caplog.at_level(logging.ERROR):
        assert failures(handler(sample("sqs_jobs_batch"), None)) == [FIRST]
    assert len(worker.ran) == 1
    assert "throttled" in caplog.text and caplog.records[0].exc_info is not None


def test_every_message_of_a_batch_may_fail(container: Container) -> None:
    event = sample("sqs_jobs_batch")
    for record in event["Records"]:
        record["body"] = "{}"
    with_worker(container, Worker())
    assert failures(handler(event, None)) == [FIRST, SECOND]


def job_message(bundle_id: str) -> dict[str, Any]:
    event = sample("sqs_jobs_batch")
    event["Records"] = event["Records"][:1]
    event["Records"][0]["body"] = job_to_message(ProcessBundle(bundle_id))
    return event


def test_a_bundle_not_uploaded_yet_is_retried_and_processed_once_uploaded(
    container: Container,
) -> None:
    paired_pet(container, "alice", "PT-1001")
    uploads = KeptJobs()  # S3 → SQS: the upload queues a job instead of running it at once
    provide(container, "jobs", uploads)
    command = StartBundleUploadCommand(Caller("alice"), "PT-1001")
    upload = container.start_bundle_upload()(command)
    assert failures(handler(job_message(upload.bundle.id), None)) == [FIRST]
    container.ports.blobs().put(
        upload.upload_link, b'{"time": "2026-11-21T09:00:00Z", "steps": 50}\n'
    )
    assert uploads.jobs == [ProcessBundle(upload.bundle.id)]
    assert failures(handler(job_message(upload.bundle.id), None)) == []
    assert failures(handler(job_message(upload.bundle.id), None)) == []  # redelivered: no-op
    bundle = container.get_bundle()(GetBundleQuery(Caller("alice"), upload.bundle.id))
    assert bundle.report is not None and bundle.report.accepted == 1


def test_a_job_for_no_bundle_at_all_fails(container: Container) -> None:
    assert failures(handler(job_message("no-such-bundle"), None)) == [FIRST]
