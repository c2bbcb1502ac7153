"""How each binding delivers a tracker's packet, a bundle's job message and a bundle's
"upload completed" event: one callable per delivery, which a test may call as often, and from
as many threads, as a platform that delivers at least once would.

Each callable goes through the binding's own entrypoint with the input built as the platform
builds it; nothing is settled inside it (a test settles once, after all the deliveries).
"""

from __future__ import annotations

import abc
import base64
import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import attrs
import azure.functions as func
import httpx
from dependency_injector import providers

from application.ports.messaging import Job, JobQueue, ProcessBundle
from application.use_cases.get_bundle import GetBundleQuery
from application.use_cases.start_bundle_upload import StartBundleUploadCommand
from domain.access import Caller
from tests.support.drivers.base import Delivery, Driver

Deliver = Callable[[], object]
STORAGE_ACCOUNT = "/subscriptions/0000/resourceGroups/pawtrack/providers/Microsoft.Storage/storageAccounts/pawtrack"


@attrs.frozen
class Upload:
    """A bundle whose object is stored: `content` went up through `link` under `key`."""

    bundle_id: str
    key: str
    link: Any  # the upload answer's URL, or the use case's UploadLink on core
    content: bytes
    headers: dict[str, str] = attrs.field(factory=dict)  # what the upload answer named


class DeliveryFailed(Exception):
    """The readings function named the packet as failed: the queue hands it on again."""


class HeldJobs(JobQueue):
    """A queue that keeps the jobs it is given instead of running them."""

    def __init__(self) -> None:
        self.jobs: list[Job] = []

    def enqueue(self, job: Job) -> None:
        self.jobs.append(job)


class Paths(abc.ABC):
    """The delivery paths of one binding."""

    def __init__(self, driver: Driver) -> None:
        self.driver: Any = driver  # the binding's own driver, with its container and testbed

    @abc.abstractmethod
    def packet(self, serial: str, readings: list[dict[str, object]]) -> Deliver:
        """One delivery of a tracker's packet (MQTT, or what stands for it on this binding)."""

    def batch(self, packets: list[tuple[str, list[dict[str, object]]]]) -> Deliver:
        """One delivery of a batch of many trackers' packets, as the queue or stream hands them
        on (core and http: the batch use case, the in-process path)."""
        from application.use_cases.record_deliveries import RecordDeliveriesCommand
        from application.use_cases.record_readings import RecordReadingsCommand

        commands = [RecordReadingsCommand(s, r, answered=False) for s, r in packets]
        c = self.driver.c
        return lambda: c.record_deliveries()(RecordDeliveriesCommand(commands))

    @abc.abstractmethod
    def upload(self, owner: str, serial: str, content: bytes) -> Upload:
        """Start a bundle and store its object; its job is neither queued nor run yet."""

    @abc.abstractmethod
    def bundle_event(self, upload: Upload) -> Deliver:
        """One delivery of the store's "object created" for the uploaded bundle."""

    @abc.abstractmethod
    def job_message(self, upload: Upload) -> Deliver:
        """One delivery of the bundle's job message (the same message each time)."""

    @abc.abstractmethod
    def report(self, owner: str, bundle_id: str) -> Delivery | None:
        """The bundle's report as its owner reads it; None while it is not processed."""

    def settle(self) -> None:
        """Let the platform deliver what the deliveries queued (jobs, domain events); in
        process (core, http) everything was delivered at once."""
        return None


class CorePaths(Paths):
    """The use cases on the in-memory adapters: no transport, no queue of messages."""

    def packet(self, serial: str, readings: list[dict[str, object]]) -> Deliver:
        return lambda: self.driver.report_readings(serial, readings)

    def upload(self, owner: str, serial: str, content: bytes) -> Upload:
        c = self.driver.c
        started = c.start_bundle_upload()(
            StartBundleUploadCommand(self.driver.caller(owner), serial)
        )
        with held_jobs(c):
            c.ports.blobs().put(started.upload_link, content)
        return Upload(started.bundle.id, started.bundle.blob_key, started.upload_link, content)

    def bundle_event(self, upload: Upload) -> Deliver:
        """The in-memory store announces an object each time it is written through its link."""
        return lambda: self.driver.c.ports.blobs().put(upload.link, upload.content)

    def job_message(self, upload: Upload) -> Deliver:
        """No message to redeliver: the in-process queue runs each job it is given at once, so
        the redelivery of a job is the same job given to it again."""
        c = self.driver.c
        return lambda: c.ports.jobs().enqueue(ProcessBundle(upload.bundle_id))

    def report(self, owner: str, bundle_id: str) -> Delivery | None:
        c = self.driver.c
        bundle = c.get_bundle()(GetBundleQuery(Caller(owner), bundle_id))
        if bundle.report is None:
            return None
        rejected = tuple((r.position, r.field) for r in bundle.report.rejected)
        return Delivery(bundle.report.accepted, bundle.report.duplicates, rejected)


class ApiPaths(Paths):
    """What the bindings with an HTTP API share: starting a bundle and reading its report."""

    def start(self, owner: str, serial: str) -> dict[str, Any]:
        started: dict[str, Any] = self.driver.call("POST", f"/trackers/{serial}/bundles", owner)
        return started

    def report(self, owner: str, bundle_id: str) -> Delivery | None:
        found = self.driver.call("GET", f"/bundles/{bundle_id}", owner)["report"]
        if found is None:
            return None
        rejected = tuple((r["line"], r["field"]) for r in found["rejected"])
        return Delivery(found["accepted"], found["duplicates"], rejected)


class HttpPaths(ApiPaths):
    """The local server: trackers' packets come through its ingest endpoint; an upload through a
    link makes the file store announce the object, and the in-process queue runs the job."""

    def packet(self, serial: str, readings: list[dict[str, object]]) -> Deliver:
        return lambda: self.driver.report_readings(serial, readings)

    def upload(self, owner: str, serial: str, content: bytes) -> Upload:
        started = self.start(owner, serial)
        key = f"bundles/{started['bundle_id']}.jsonl"
        with held_jobs(self.driver.c):
            put(started["upload_url"], content, started["headers"])
        return Upload(started["bundle_id"], key, started["upload_url"], content, started["headers"])

    def bundle_event(self, upload: Upload) -> Deliver:
        """The upload link PUT again: the server stores the object and announces it."""
        return lambda: put(upload.link, upload.content, upload.headers)

    def job_message(self, upload: Upload) -> Deliver:
        """As on core: the in-process queue has jobs, not messages."""
        c = self.driver.c
        return lambda: c.ports.jobs().enqueue(ProcessBundle(upload.bundle_id))


class AwsPaths(ApiPaths):
    """IoT Core's topic rule into iot.handler; S3's ObjectCreated into s3.handler; the SQS
    event source mapping's batch into sqs.handler."""

    def packet(self, serial: str, readings: list[dict[str, object]]) -> Deliver:
        """The IoT rule's message of the packet, received once and handed to the readings
        function again and again, as the event source mapping does when a message comes back;
        the function's answer, which names a packet it could not record."""
        from entrypoints.aws_lambda import readings as readings_function
        from tests.support.aws import client
        from tests.support.drivers import aws_events

        queue_url = self.driver.testbed.readings_queue_url
        client("sqs").send_message(
            QueueUrl=queue_url, MessageBody=aws_events.iot_rule(serial, readings)
        )
        messages = client("sqs").receive_message(
            QueueUrl=queue_url, MaxNumberOfMessages=10, AttributeNames=["All"]
        )["Messages"]
        client("sqs").delete_message(QueueUrl=queue_url, ReceiptHandle=messages[0]["ReceiptHandle"])
        event = aws_events.sqs_batch(aws_events.queue_arn(queue_url), messages)

        def deliver() -> object:
            answer = readings_function.handler(event, None)
            if answer["batchItemFailures"]:
                raise DeliveryFailed(answer["batchItemFailures"])
            return next(iter(answer["reports"].values()))

        return deliver

    def batch(self, packets: list[tuple[str, list[dict[str, object]]]]) -> Deliver:
        """The packets' messages, received once as one batch and handed to the readings
        function again and again."""
        from entrypoints.aws_lambda import readings as readings_function
        from tests.support.aws import client
        from tests.support.drivers import aws_events

        queue_url = self.driver.testbed.readings_queue_url
        for serial, sent in packets:
            client("sqs").send_message(
                QueueUrl=queue_url, MessageBody=aws_events.iot_rule(serial, sent)
            )
        messages: list[dict[str, Any]] = []
        while len(messages) < len(packets):
            messages += client("sqs").receive_message(
                QueueUrl=queue_url, MaxNumberOfMessages=10, AttributeNames=["All"]
            )["Messages"]
        for message in messages:
            client("sqs").delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
        event = aws_events.sqs_batch(aws_events.queue_arn(queue_url), messages)

        def deliver() -> object:
            answer = readings_function.handler(event, None)
            if answer["batchItemFailures"]:
                raise DeliveryFailed(answer["batchItemFailures"])
            return answer

        return deliver

    def upload(self, owner: str, serial: str, content: bytes) -> Upload:
        started = self.start(owner, serial)
        put(started["upload_url"], content, started["headers"])
        key = f"bundles/{started['bundle_id']}.jsonl"
        return Upload(started["bundle_id"], key, started["upload_url"], content)

    def bundle_event(self, upload: Upload) -> Deliver:
        from entrypoints.aws_lambda import s3
        from tests.support.drivers import aws_events

        bucket = self.driver.testbed.bucket
        event = aws_events.s3_object_created(bucket, upload.key, len(upload.content))
        return lambda: s3.handler(event, None)

    def job_message(self, upload: Upload) -> Deliver:
        """The job S3's notification queued, received once and handed to the function again
        and again, as the event source mapping does when a message comes back."""
        from entrypoints.aws_lambda import sqs
        from tests.support.aws import client
        from tests.support.drivers import aws_events

        self.bundle_event(upload)()
        queue_url = self.driver.testbed.jobs_queue_url
        messages = client("sqs").receive_message(
            QueueUrl=queue_url, MaxNumberOfMessages=10, AttributeNames=["All"]
        )["Messages"]
        assert len(messages) == 1, messages
        client("sqs").delete_message(QueueUrl=queue_url, ReceiptHandle=messages[0]["ReceiptHandle"])
        event = aws_events.sqs_batch(aws_events.queue_arn(queue_url), messages)

        def deliver() -> object:
            answer = sqs.handler(event, None)
            assert answer == {"batchItemFailures": []}, answer
            return answer

        return deliver

    def settle(self) -> None:
        self.driver.settle()


class AzurePaths(ApiPaths):
    """IoT Hub's Event Hub endpoint into `iot_readings`; Event Grid's BlobCreated into
    `bundles_created`; the queue trigger's message into `jobs_process`."""

    def packet(self, serial: str, readings: list[dict[str, object]]) -> Deliver:
        """The Event Hub batch of the packet into `iot_readings`, as a first try: a batch it
        could not record raises, for the host's retry policy to run it again."""
        from tests.support.drivers.azure import HostContext, _iot_event, host_function

        function = host_function("iot_readings")
        return lambda: function([_iot_event(serial, {"readings": readings})], HostContext())

    def batch(self, packets: list[tuple[str, list[dict[str, object]]]]) -> Deliver:
        """One Event Hub batch of the packets into `iot_readings`, as a first try."""
        from tests.support.drivers.azure import HostContext, _iot_event, host_function

        function = host_function("iot_readings")
        events = [_iot_event(serial, {"readings": sent}) for serial, sent in packets]
        return lambda: function(events, HostContext())

    def upload(self, owner: str, serial: str, content: bytes) -> Upload:
        started = self.start(owner, serial)
        put(started["upload_url"], content, started["headers"])
        key = f"bundles/{started['bundle_id']}.jsonl"
        return Upload(started["bundle_id"], key, started["upload_url"], content)

    def bundle_event(self, upload: Upload) -> Deliver:
        from tests.support.azure import ACCOUNT
        from tests.support.drivers.azure import host_function

        container = self.driver.container_name
        url = f"https://{ACCOUNT}.blob.core.windows.net/{container}/{upload.key}"
        data = {"url": url, "contentType": "application/x-ndjson"}
        event = grid_event(
            "Microsoft.Storage.BlobCreated", data | {"contentLength": len(upload.content)}
        )
        function = host_function("bundles_created")
        return lambda: function(event)

    def job_message(self, upload: Upload) -> Deliver:
        """The job Event Grid's notification queued, received once and handed to the function
        again and again, as the queue trigger does when a message comes back."""
        from tests.support.drivers.azure import _queue_message, host_function

        self.bundle_event(upload)()
        jobs = self.driver.jobs
        messages = list(jobs.receive_messages(messages_per_page=32, visibility_timeout=30))
        assert len(messages) == 1, messages
        jobs.delete_message(messages[0])
        body = base64.b64decode(messages[0].content).decode()
        function = host_function("jobs_process")
        deliveries = iter(range(1, 100))
        return lambda: function(_queue_message(body, next(deliveries)))

    def settle(self) -> None:
        self.driver.settle()


def paths_of(binding: str, driver: Driver) -> Paths:
    return {"core": CorePaths, "http": HttpPaths, "aws": AwsPaths, "azure": AzurePaths}[binding](
        driver
    )


class held_jobs:  # noqa: N801 (a context manager, read as a clause)
    """While inside, the container's job queue keeps jobs instead of running them."""

    def __init__(self, container: Any) -> None:
        self._container, self.held = container, HeldJobs()

    def __enter__(self) -> HeldJobs:
        self._container.ports().jobs.override(providers.Object(self.held))
        return self.held

    def __exit__(self, *exc: object) -> None:
        self._container.ports().jobs.reset_override()


def put(url: str, content: bytes, headers: dict[str, str]) -> None:
    response = httpx.put(url, content=content, headers=headers, timeout=30)
    assert response.status_code in (200, 201, 204), response.text


def grid_event(event_type: str, data: dict[str, Any], subject: str = "") -> func.EventGridEvent:
    return func.EventGridEvent(
        id=str(uuid.uuid4()),
        topic=STORAGE_ACCOUNT,
        subject=subject or urlsplit(str(data.get("url", ""))).path,
        event_type=event_type,
        event_time=datetime.now(UTC),
        data_version="1.0",
        data=data,
    )


def jsonl(readings: list[dict[str, object]]) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in readings).encode()
