"""The Azure messaging and blob adapters' own guarantees, beyond their ports: the
Functions host's poison queue, the base64 wire format it reads, what Azurite refuses
of a tampered SAS, and what the loopback Event Grid topic refuses."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import httpx
import pytest
from azure.core.exceptions import ResourceNotFoundError
from azure.storage.queue import QueueClient

from adapters.azure.storage_queue_job_queue import StorageQueueJobQueue
from application.messages.events import decode
from application.messages.jobs import job_to_message
from application.ports.messaging import ProcessBundle
from domain.announcements import GoalReached
from tests.support import azure
from tests.support.azure_eventgrid import FakeEventGrid, start_fake_event_grid
from tests.support.azurite_clock import AzuriteClock, clocked_azurite

from .harnesses.azure import AzureBlobHarness, EventGridHarness, StorageQueueHarness

JOBS = [ProcessBundle("bundle-1"), ProcessBundle("poisoned"), ProcessBundle("bundle-3")]
GOAL = GoalReached("alice", "rex", "Rex", date(2026, 11, 20), 8000)


class HandlerFailed(Exception):
    pass


@pytest.fixture
def host() -> StorageQueueHarness:
    """The queue trigger retrying a failed job at once (host.json waits 30 s: a test cannot)."""
    return StorageQueueHarness(azure.azurite().connection_string, timedelta(0))


def test_a_job_that_always_fails_ends_in_the_poison_queue_and_the_rest_are_run(
    host: StorageQueueHarness,
) -> None:
    runs: list[ProcessBundle] = []

    def worker(job: ProcessBundle) -> None:
        runs.append(job)
        if job.bundle_id == "poisoned":
            raise HandlerFailed(job.bundle_id)

    host.worker = worker
    for job in JOBS:
        host.queue.enqueue(job)
    with pytest.raises(HandlerFailed):
        host.drain()
    host.drain()  # nothing is left to fail
    assert runs.count(ProcessBundle("poisoned")) == host.max_dequeue_count == 5
    assert sorted(j.bundle_id for j in runs if j.bundle_id != "poisoned") == [
        "bundle-1",
        "bundle-3",
    ]
    assert host.messages.peek_messages() == []
    [parked] = host.poison.receive_messages()
    assert parked.content == job_to_message(ProcessBundle("poisoned"))


def test_a_job_that_fails_fewer_times_than_the_maximum_is_run_and_not_parked(
    host: StorageQueueHarness,
) -> None:
    failures_left, done = [2], []

    def worker(job: ProcessBundle) -> None:
        if failures_left[0] > 0:
            failures_left[0] -= 1
            raise HandlerFailed(job.bundle_id)
        done.append(job)

    host.worker = worker
    host.queue.enqueue(JOBS[0])
    with pytest.raises(HandlerFailed):
        host.drain()
    assert done == [JOBS[0]]
    assert host.messages.peek_messages() == []
    with pytest.raises(ResourceNotFoundError):  # never made: nothing was parked
        host.poison.get_queue_properties()


def test_a_job_travels_base64_encoded_as_the_functions_host_reads_it(
    host: StorageQueueHarness,
) -> None:
    host.queue.enqueue(JOBS[0])
    raw = QueueClient.from_connection_string(
        azure.azurite().connection_string, host.messages.queue_name
    )
    [message] = raw.receive_messages()
    assert base64.b64decode(message.content).decode() == job_to_message(JOBS[0])


def test_the_job_queue_refuses_a_client_that_would_send_plain_text() -> None:
    plain = QueueClient.from_connection_string(azure.azurite().connection_string, "jobs")
    with pytest.raises(ValueError, match="base64"):
        StorageQueueJobQueue(plain)


# Blobs: the tampering a caller could try on a SAS, checked by Azurite itself.


@pytest.fixture
def blobs() -> AzureBlobHarness:
    azurite = clocked_azurite()
    return AzureBlobHarness(azurite, AzuriteClock(azurite, datetime(2026, 11, 20, tzinfo=UTC)))


def _with(link: str, **changes: str) -> str:
    parts = urlsplit(link)
    query = {name: values[0] for name, values in parse_qs(parts.query).items()}
    return urlunsplit(parts._replace(query=urlencode({**query, **changes})))


@pytest.mark.parametrize(
    "forgery",
    [{"se": "2100-01-01T00:00:00Z"}, {"sp": "rcw"}, {"sig": "A" * 43 + "="}],
    ids=["later-expiry", "more-permissions", "made-up-signature"],
)
def test_azurite_refuses_a_tampered_sas(blobs: AzureBlobHarness, forgery: dict[str, str]) -> None:
    key, valid_for = "bundles/b.jsonl", timedelta(minutes=15)
    blobs.put(blobs.store.upload_link(key, "application/x-ndjson", valid_for), b"original")
    download = blobs.store.download_link(key, valid_for)
    response = httpx.put(
        _with(download, **forgery), content=b"overwritten", headers={"x-ms-blob-type": "BlockBlob"}
    )
    assert response.status_code == 403
    assert blobs.store.read(key) == b"original"


def test_an_upload_without_the_blob_type_is_refused(blobs: AzureBlobHarness) -> None:
    link = blobs.store.upload_link("bundles/b.jsonl", "application/x-ndjson", timedelta(minutes=5))
    assert link.headers["x-ms-blob-type"] == "BlockBlob"  # named: the uploader is told to send it
    assert httpx.put(link.url, content=b"data").status_code == 400


def test_upload_links_allow_create_and_write_only_and_downloads_read_only(
    blobs: AzureBlobHarness,
) -> None:
    upload = parse_qs(urlsplit(blobs.store.upload_link("k", "text/plain", timedelta(1)).url).query)
    download = parse_qs(urlsplit(blobs.store.download_link("k", timedelta(1))).query)
    assert (upload["sp"], download["sp"]) == (["cw"], ["r"])


# Event Grid: what the loopback topic refuses, as Event Grid does.


@pytest.fixture
def topic() -> Iterator[FakeEventGrid]:
    grid = start_fake_event_grid()
    yield grid
    grid.close()


EVENT = {
    "id": "1",
    "subject": "pawtrack/pets/rex",
    "eventType": "GoalReached",
    "eventTime": "2026-11-20T08:00:00Z",
    "data": {},
    "dataVersion": "1.0",
}


@pytest.mark.parametrize(
    ("headers", "body", "status"),
    [
        ({"aeg-sas-key": "wrong"}, [EVENT], 401),
        ({"aeg-sas-key": None}, [EVENT], 401),
        ({"Content-Type": "text/plain"}, [EVENT], 400),
        ({}, EVENT, 400),
        ({}, [], 400),
        ({}, [{k: v for k, v in EVENT.items() if k != "eventTime"}], 400),
        ({}, [{**EVENT, "dataVersion": 1}], 400),
    ],
    ids=["wrong-key", "no-key", "not-json", "not-an-array", "empty", "no-time", "bad-version"],
)
def test_the_topic_refuses_what_event_grid_refuses(
    topic: FakeEventGrid, headers: dict[str, str | None], body: object, status: int
) -> None:
    chosen = {"aeg-sas-key": topic.key, "Content-Type": "application/json", **headers}
    sent = {name: value for name, value in chosen.items() if value is not None}
    response = httpx.post(topic.endpoint, content=json.dumps(body), headers=sent)
    assert response.status_code == status
    assert topic.take() == []


def test_an_event_reaches_the_topic_in_the_event_grid_schema(topic: FakeEventGrid) -> None:
    EventGridHarness(topic).publisher.publish(GOAL)
    [event] = topic.take()
    assert (event["subject"], event["eventType"], event["dataVersion"]) == (
        "pawtrack/pets/rex",
        "GoalReached",
        "1.0",
    )
    assert decode(event["eventType"], event["data"]) == GOAL


def test_an_unknown_event_type_is_not_read() -> None:
    with pytest.raises(ValueError):
        decode("PetAdopted", {"pet_id": "rex"})
