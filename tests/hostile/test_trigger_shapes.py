"""Every trigger handler answers an event of a shape it does not take with one clear log line
and a defined outcome, never a traceback.

Each handler of a binding (the readings handlers' cases are tested beside them: see
ARCHITECTURE.md, "Triggers that get what they do not expect") gets the
events every other trigger of that cloud sends, plus malformed versions of its own, as the
platform would hand them in (a Lambda event may be any JSON value: a direct invocation sends
what it likes). The outcome is the handler's rejection (HTTP and WebSocket: 400; S3, Event Grid's
BlobCreated, EventBridge: nothing done; SQS: nothing to retry), or, for a message of Pawtrack's
own queue or bus that cannot be read (retrying may help: a publisher newer than its consumer),
a failure the platform retries and then dead-letters: SQS's batchItemFailures, or
DeliveryFailed raised for the others. Exactly one warning names what was refused, and nothing
is queued or announced for it.
"""

from __future__ import annotations

import copy
import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import azure.functions as func
import pytest

from entrypoints.aws_lambda import events, http, s3, sqs, websocket
from entrypoints.triggers import DeliveryFailed
from tests.support.aws import client
from tests.support.drivers.api import ApiDriver
from tests.support.drivers.aws import AwsDriver
from tests.support.drivers.azure import ACCOUNT, AzureDriver, _queue_message, host_function
from tests.support.figures import Figures

SAMPLES = Path(__file__).resolve().parents[1] / "events"
REJECTED = "rejected"
FAILED = "failed"  # retried, then dead-lettered


def sample(name: str) -> Any:
    return json.loads((SAMPLES / f"{name}.json").read_text())


def aws_shapes(driver: AwsDriver) -> dict[str, Any]:
    """What each AWS trigger sends, and the malformed shapes around them."""
    record = sample("s3_object_created")["Records"][0]
    ours = copy.deepcopy(record)
    ours["s3"]["bucket"]["name"] = driver.testbed.bucket
    ours["s3"]["object"]["key"] = "bundles/00000000000000000000000000000000.jsonl"
    no_key, theirs = copy.deepcopy(ours), copy.deepcopy(ours)
    del no_key["s3"]["object"]["key"]
    theirs["s3"]["bucket"]["name"] = "someone-elses-bucket"
    return {
        "http-api": sample("http_api_get_pet"),
        "rest-api": sample("rest_api_get_pet"),
        "sqs": sample("sqs_jobs_batch"),
        "s3-of-another-bucket": {"Records": [theirs]},
        "eventbridge": sample("eventbridge_goal_reached"),
        "iot-packet": json.loads(sample("sqs_readings_batch")["Records"][0]["body"]),
        "websocket-connect": sample("websocket_connect"),
        "websocket-disconnect": sample("websocket_disconnect"),
        "websocket-message": sample("websocket_default"),
        "empty-object": {},
        "a-string": "ping",
        "a-list": [ours],
        "null": None,
        "records-not-a-list": {"Records": "many"},
        "s3-record-without-a-key": {"Records": [no_key]},
        "s3-record-not-an-object": {"Records": [ours, 7]},
        "sqs-record-without-a-body": {"Records": [{"messageId": "m-1", "eventSource": "aws:sqs"}]},
        "eventbridge-of-another-source": {**sample("eventbridge_goal_reached"), "source": "aws.ec2"},
        "eventbridge-unknown-type": {**sample("eventbridge_goal_reached"), "detail-type": "PetAdopted"},
        "eventbridge-unreadable-detail": {**sample("eventbridge_goal_reached"), "detail": {"x": 1}},
        "eventbridge-detail-not-an-object": {**sample("eventbridge_goal_reached"), "detail": "x"},
    }  # fmt: skip


AwsHandler = Callable[[Any, Any], Any]
AWS_HANDLERS: dict[str, tuple[AwsHandler, set[str]]] = {
    # handler, and the shapes that are its own (valid: processed as usual, not judged here)
    "http": (http.handler, {"http-api", "rest-api"}),
    "s3": (s3.handler, set()),
    "sqs": (sqs.handler, {"sqs"}),
    "events": (events.handler, {"eventbridge"}),
    "websocket-connect": (websocket.connect, {"websocket-connect"}),
    "websocket-disconnect": (websocket.disconnect, {"websocket-disconnect"}),
    "websocket-default": (websocket.default, {"websocket-message"}),
}
# The shapes of a handler's own source that it cannot read: kept (failed) rather than rejected.
AWS_FAILED = {
    ("sqs", "sqs-record-without-a-body"),
    ("events", "eventbridge-unknown-type"),
    ("events", "eventbridge-unreadable-detail"),
    ("events", "eventbridge-detail-not-an-object"),
}


def aws_outcome(handler: str, answer: Any) -> str | None:
    """What the answer means: REJECTED, FAILED or None (not an outcome this handler defines)."""
    if handler == "http":
        headers = answer.get("headers", {}) if isinstance(answer, dict) else {}
        problem = headers.get("content-type", "").startswith("application/problem+json")
        return REJECTED if answer.get("statusCode") == 400 and problem else None
    if handler.startswith("websocket"):
        return REJECTED if answer == {"statusCode": 400} else None
    if handler == "sqs":
        failures = answer.get("batchItemFailures") if isinstance(answer, dict) else None
        return {0: REJECTED, 1: FAILED}.get(len(failures)) if isinstance(failures, list) else None
    return REJECTED if answer is None else None


Case = tuple[str, Callable[[], Any], Callable[[Any], str | None], str]


def held_cases(
    cases: list[Case], binding: str, figures: Figures, caplog: pytest.LogCaptureFixture
) -> list[str]:
    """Runs each (what, call, how to read its answer, expected outcome); what broke."""
    broken = []
    for what, call, read, expected in cases:
        raised, answer, lines = judged(call, caplog)
        outcome = raised or read(answer)
        held = outcome == expected and len(lines) == 1
        figures.record("trigger-shapes", binding, held=held)
        if not held:
            broken.append(f"{what}: {outcome or answer!r}, lines {lines}")
    return broken


@pytest.mark.bindings("aws")
def test_aws_handlers_answer_foreign_and_malformed_events_with_one_line(
    api: ApiDriver, binding: str, figures: Figures, caplog: pytest.LogCaptureFixture
) -> None:
    assert isinstance(api, AwsDriver)
    cases: list[Case] = [
        (
            f"{name} on {shape}",
            lambda h=handler, e=event: h(copy.deepcopy(e), None),
            lambda answer, n=name: aws_outcome(n, answer),
            FAILED if (name, shape) in AWS_FAILED else REJECTED,
        )
        for name, (handler, own) in AWS_HANDLERS.items()
        for shape, event in aws_shapes(api).items()
        if shape not in own
    ]
    broken = held_cases(cases, binding, figures, caplog)
    queued = nothing_queued(api)
    figures.record("trigger-shapes", binding, held=queued)
    assert broken == [], "\n".join(broken)
    assert queued, "a refused event queued a job"


def judged(call: Callable[[], Any], caplog: pytest.LogCaptureFixture) -> tuple[str | None, Any, list[str]]:  # fmt: skip
    """(FAILED if the call raised DeliveryFailed, its answer, Pawtrack's warning lines);
    any other exception fails the test as the traceback it would have been."""
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        try:
            answer, outcome = call(), None
        except DeliveryFailed:
            answer, outcome = None, FAILED
    ours = ("entrypoints", "application", "domain")
    lines = [r.getMessage() for r in caplog.records if r.name.startswith(ours)]
    return outcome, answer, lines


def nothing_queued(api: AwsDriver) -> bool:
    """No job came of the refused event (a bundle of another bucket, say)."""
    queue = api.testbed.jobs_queue_url
    waiting = client("sqs").get_queue_attributes(
        QueueUrl=queue, AttributeNames=["ApproximateNumberOfMessages"]
    )
    return waiting["Attributes"]["ApproximateNumberOfMessages"] == "0"


# Azure: the host hands typed inputs; their contents are what may be foreign or malformed.


def grid(event_type: str, data: object, topic: str = "pawtrack") -> func.EventGridEvent:
    return func.EventGridEvent(
        id="e-1", topic=f"/subscriptions/0000/resourceGroups/pawtrack/providers/Microsoft.EventGrid/topics/{topic}",
        subject="", event_type=event_type, event_time=datetime.now(UTC), data_version="1.0",
        data=data,
    )  # fmt: skip


def azure_events(driver: AzureDriver) -> dict[str, func.EventGridEvent]:
    ours = f"https://{ACCOUNT}.blob.core.windows.net/{driver.container_name}"
    goal = sample("eventbridge_goal_reached")["detail"]
    created = "Microsoft.Storage.BlobCreated"
    return {
        "blob-created": grid(created, {"url": f"{ours}/bundles/{'0' * 32}.jsonl"}),
        "goal-reached": grid("GoalReached", goal),
        "blob-deleted": grid("Microsoft.Storage.BlobDeleted", {"url": f"{ours}/bundles/x.jsonl"}),
        "blob-created-data-not-an-object": grid(created, "a string"),
        "blob-created-without-a-url": grid(created, {"api": "PutBlob"}),
        "blob-created-url-not-a-blob": grid(created, {"url": "not a url"}),
        "blob-created-of-another-container": grid(
            created, {"url": f"https://{ACCOUNT}.blob.core.windows.net/other/bundles/x.jsonl"}
        ),
        "blob-created-of-another-account": grid(
            created,
            {
                "url": f"https://intruder.blob.core.windows.net/{driver.container_name}/bundles/x.jsonl"
            },  # fmt: skip
        ),
        "unknown-type": grid("PetAdopted", goal),
        "goal-reached-unreadable": grid("GoalReached", {"x": 1}),
        "goal-reached-data-not-an-object": grid("GoalReached", [1, 2]),
    }


AZURE_GRID_HANDLERS = {
    # function, its own valid events, and the events of its own source it cannot read (failed)
    "bundles_created": ({"blob-created"}, set()),
    "events_announce": (
        {"goal-reached"},
        {"unknown-type", "goal-reached-unreadable", "goal-reached-data-not-an-object"},
    ),
}
QUEUE_BODIES = {
    "not-utf-8": b"\xff\xfe\x00job",
    "not-json": b"process the bundle, please",
    "json-not-a-job": b'{"job": "launch-rocket"}',
    "a-job-of-no-bundle": json.dumps({"job": "process-bundle", "bundle_id": "0" * 32}).encode(),
}


@pytest.mark.bindings("azure")
def test_azure_functions_answer_foreign_and_malformed_inputs_with_one_line(
    api: ApiDriver, binding: str, figures: Figures, caplog: pytest.LogCaptureFixture
) -> None:
    assert isinstance(api, AzureDriver)
    cases: list[Case] = [
        (
            f"{name} on {shape}",
            lambda n=name, e=event: host_function(n)(e),
            lambda answer: REJECTED if answer is None else None,
            FAILED if shape in failing else REJECTED,
        )
        for name, (own, failing) in AZURE_GRID_HANDLERS.items()
        for shape, event in azure_events(api).items()
        if shape not in own
    ]
    cases += [  # back to the queue, then the poison queue
        (
            f"jobs_process on {shape}",
            lambda b=body: host_function("jobs_process")(_queue_message(b, dequeue_count=1)),
            lambda answer: None,
            FAILED,
        )
        for shape, body in QUEUE_BODIES.items()
    ]
    broken = held_cases(cases, binding, figures, caplog)
    assert broken == [], "\n".join(broken)
