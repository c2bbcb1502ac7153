"""A poisoned job on the real queue (moto): reported alone, retried, then parked in the DLQ.

The loop below is what Lambda's SQS event source mapping does: receive a batch,
invoke the function, delete the messages it did not report as failed. The queue's
redrive policy (maxReceiveCount, as in template.yaml) moves the poisoned message to
the dead-letter queue; the good jobs are processed exactly once.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from entrypoints.aws_lambda import s3
from tests.hostile.delivery_hosts import sqs_event_source
from tests.support.aws import MAX_RECEIVES, client
from tests.support.drivers import aws_events
from tests.support.drivers.aws import AwsDriver

BUNDLE = b'{"time": "2026-11-20T07:00:00Z", "steps": 1000}\n{"time": "2026-11-20T07:05:00Z", "steps": 500}\n'
POISON = '{"job": "process-bundle", "bundle_id": "no-such-bundle"}'


@pytest.fixture
def driver(tmp_path: Path) -> Iterator[AwsDriver]:
    driver = AwsDriver(tmp_path)
    driver.set_time(datetime(2026, 11, 21, 10, tzinfo=UTC))
    driver.add_user("alice")
    driver.register_pet("alice", "dog", "Rex", 20)
    driver.pair_tracker("alice", "TRK-001", "Rex")
    yield driver
    driver.close()


def upload_without_processing(driver: AwsDriver) -> str:
    """Upload a bundle and let S3 announce it, which queues its job; nothing consumes it yet."""
    started = driver.send(
        "POST",
        "/trackers/TRK-001/bundles",
        {"Authorization": f"Bearer {driver.token('alice')}"},
        b"",
        {},
    )
    upload = json.loads(started.body)
    assert (
        httpx.put(upload["upload_url"], content=BUNDLE, headers=upload["headers"]).status_code
        == 200
    )
    key = f"bundles/{upload['bundle_id']}.jsonl"
    s3.handler(aws_events.s3_object_created(driver.testbed.bucket, key, len(BUNDLE)), None)
    return str(upload["bundle_id"])


def consume(queue_url: str, rounds: int) -> list[set[str]]:
    """Lambda's event source mapping, round by round: the failures the function reported."""
    return sqs_event_source(queue_url, rounds)


def test_a_poisoned_job_is_reported_alone_then_parked_and_nothing_else_is_lost(
    driver: AwsDriver,
) -> None:
    bundles = [upload_without_processing(driver), upload_without_processing(driver)]
    poison_id = client("sqs").send_message(
        QueueUrl=driver.testbed.jobs_queue_url, MessageBody=POISON
    )["MessageId"]

    reported = consume(driver.testbed.jobs_queue_url, rounds=MAX_RECEIVES + 3)

    assert reported[0] == {poison_id}, "only the poisoned job fails in the first batch"
    assert all(failed == {poison_id} for failed in reported)
    assert len(reported) == MAX_RECEIVES, "retried until the queue's maximum receives, then gone"
    parked = client("sqs").receive_message(
        QueueUrl=driver.testbed.jobs_dlq_url, MaxNumberOfMessages=10
    )["Messages"]
    assert [m["Body"] for m in parked] == [POISON]
    reports = [driver.call("GET", f"/bundles/{bundle}", "alice")["report"] for bundle in bundles]
    assert [(r["accepted"], r["duplicates"]) for r in reports] == [(2, 0), (0, 2)]
    assert driver.activity("alice", "Rex", datetime(2026, 11, 20).date()).steps == 1500
