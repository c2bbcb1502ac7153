"""S3's ObjectCreated notification: uploaded bundles are queued for processing, nothing else."""

from __future__ import annotations

from typing import Any

import pytest

from adapters.local.memory_blob_store import InMemoryBlobStore
from adapters.system_clock import SystemClock
from application.ports.messaging import Job, JobQueue, ProcessBundle
from entrypoints.aws_lambda.s3 import handler
from entrypoints.wiring import Container

from .conftest import provide, sample

# The store the sample notifications name (tests/events/s3_object_created.json).
BUCKET = InMemoryBlobStore(SystemClock(), name="pawtrack-blobs-123456789012")


class KeptJobs(JobQueue):
    def __init__(self) -> None:
        self.jobs: list[Job] = []

    def enqueue(self, job: Job) -> None:
        self.jobs.append(job)


def queued(container: Container, event: dict[str, Any]) -> list[Job]:
    jobs = KeptJobs()
    provide(container, "jobs", jobs)
    provide(container, "blobs", BUCKET)
    handler(event, None)
    return jobs.jobs


def with_key(key: str, event_name: str = "ObjectCreated:Put") -> dict[str, Any]:
    event = sample("s3_object_created")
    event["Records"][0]["eventName"] = event_name
    event["Records"][0]["s3"]["object"]["key"] = key
    return event


def test_an_uploaded_bundle_is_queued_under_its_decoded_key(container: Container) -> None:
    assert queued(container, sample("s3_object_created")) == [
        ProcessBundle("sync of PT-1001:2026-11-21")
    ]


def test_a_plain_bundle_key_is_queued_as_it_is(container: Container) -> None:
    event = with_key("bundles/9c1d5e3a7f2b4c6d8e0f1a2b3c4d5e6f.jsonl", "ObjectCreated:Copy")
    assert queued(container, event) == [ProcessBundle("9c1d5e3a7f2b4c6d8e0f1a2b3c4d5e6f")]


def test_photos_and_other_objects_queue_nothing(container: Container) -> None:
    for key in (
        "photos/8b3e6c1d2f4a4e0b9c7d5a1f3e2b6c4d.jpg",
        "bundles/x.json",
        "other+bundles/x.jsonl",
    ):
        assert queued(container, with_key(key)) == [], key


def test_a_record_of_no_creation_queues_nothing(container: Container) -> None:
    assert queued(container, with_key("bundles/b1.jsonl", "ObjectRemoved:Delete")) == []


def test_the_test_event_s3_sends_when_notifications_are_set_up_is_ignored(
    container: Container,
) -> None:
    event = {
        "Service": "Amazon S3",
        "Event": "s3:TestEvent",
        "Time": "2026-11-21T09:00:00.000Z",
        "Bucket": "pawtrack-blobs-123456789012",
        "RequestId": "5582815E1AEA5ADF",
        "HostId": "8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE",
    }
    assert queued(container, event) == []


def test_every_record_of_a_notification_is_queued(container: Container) -> None:
    event = with_key("bundles/b1.jsonl")
    event["Records"].append(with_key("bundles/b2.jsonl")["Records"][0])
    assert queued(container, event) == [ProcessBundle("b1"), ProcessBundle("b2")]


def test_a_queue_that_fails_raises_so_that_lambda_retries(container: Container) -> None:
    class Down(JobQueue):
        def enqueue(self, job: Job) -> None:
            raise ConnectionError("SQS is unreachable")

    provide(container, "jobs", Down())
    provide(container, "blobs", BUCKET)
    with pytest.raises(ConnectionError):
        handler(sample("s3_object_created"), None)


def test_a_bundle_of_another_bucket_is_not_queued(container: Container) -> None:
    """The same key in Pawtrack's bucket must not be processed on another bucket's word."""
    event = with_key("bundles/9c1d5e3a7f2b4c6d8e0f1a2b3c4d5e6f.jsonl")
    event["Records"][0]["s3"]["bucket"]["name"] = "someone-elses-bucket"
    assert queued(container, event) == []
