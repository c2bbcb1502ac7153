"""Event Grid's BlobCreated from the storage account: uploaded bundles are queued, nothing else."""

from __future__ import annotations

from datetime import UTC, datetime

import azure.functions as func
import pytest

from adapters.local.memory_blob_store import InMemoryBlobStore
from adapters.system_clock import SystemClock
from application.ports.messaging import Job, JobQueue, ProcessBundle
from entrypoints.azure_functions.bundles import blob_created
from entrypoints.azure_functions.events_data import BlobCreated
from entrypoints.wiring import Container

from .conftest import provide

ACCOUNT = "https://pawtrackdevdata.blob.core.windows.net"
BUNDLE = "9c1d5e3a7f2b4c6d8e0f1a2b3c4d5e6f"


class KeptJobs(JobQueue):
    def __init__(self) -> None:
        self.jobs: list[Job] = []

    def enqueue(self, job: Job) -> None:
        self.jobs.append(job)


def blob_event(url: str, event_type: str = "Microsoft.Storage.BlobCreated") -> func.EventGridEvent:
    """As the host hands in an Event Grid schema event of a storage account's system topic."""
    path = url.removeprefix(f"{ACCOUNT}/pawtrack/")
    return func.EventGridEvent(
        id="831e1650-001e-001b-66ab-eeb76e069631",
        topic="/subscriptions/0000/resourceGroups/pawtrack-dev/providers/Microsoft.Storage/storageAccounts/pawtrackdevdata",
        subject=f"/blobServices/default/containers/pawtrack/blobs/{path}",
        event_type=event_type,
        event_time=datetime(2026, 11, 21, 10, 0, tzinfo=UTC),
        data_version="",
        data={
            "api": "PutBlob",
            "contentType": "application/x-ndjson",
            "contentLength": 524,
            "blobType": "BlockBlob",
            "url": url,
            "sequencer": "00000000000004420000000000028963",
        },
    )


def queued(container: Container, event: func.EventGridEvent) -> list[Job]:
    jobs = KeptJobs()
    provide(container, "jobs", jobs)
    provide(container, "blobs", InMemoryBlobStore(SystemClock(), name="pawtrackdevdata/pawtrack"))
    blob_created(event)
    return jobs.jobs


def test_an_uploaded_bundle_is_queued_for_processing(container: Container) -> None:
    event = blob_event(f"{ACCOUNT}/pawtrack/bundles/{BUNDLE}.jsonl")
    assert queued(container, event) == [ProcessBundle(BUNDLE)]


@pytest.mark.parametrize(
    "url, name",
    [
        (f"{ACCOUNT}/pawtrack/bundles/{BUNDLE}.jsonl", f"bundles/{BUNDLE}.jsonl"),
        (f"{ACCOUNT}/pawtrack/photos/rex%20one.jpg", "photos/rex one.jpg"),
        (f"{ACCOUNT}/other/bundles/x.jsonl", "bundles/x.jsonl"),
    ],
)
def test_the_blob_name_is_the_urls_path_under_its_container_decoded(url: str, name: str) -> None:
    assert BlobCreated(blob_event(url)).name == name


def test_a_blob_of_another_container_is_not_queued(container: Container) -> None:
    assert queued(container, blob_event(f"{ACCOUNT}/other/bundles/{BUNDLE}.jsonl")) == []


def test_a_photo_needs_no_processing(container: Container) -> None:
    assert queued(container, blob_event(f"{ACCOUNT}/pawtrack/photos/rex.jpg")) == []


def test_an_event_of_another_type_is_ignored(container: Container) -> None:
    url = f"{ACCOUNT}/pawtrack/bundles/{BUNDLE}.jsonl"
    assert queued(container, blob_event(url, "Microsoft.Storage.BlobDeleted")) == []


def test_an_unreachable_queue_raises_so_that_event_grid_retries(container: Container) -> None:
    class Down(JobQueue):
        def enqueue(self, job: Job) -> None:
            raise ConnectionError("the queue is unreachable")

    provide(container, "jobs", Down())
    provide(container, "blobs", InMemoryBlobStore(SystemClock(), name="pawtrackdevdata/pawtrack"))
    with pytest.raises(ConnectionError):
        blob_created(blob_event(f"{ACCOUNT}/pawtrack/bundles/{BUNDLE}.jsonl"))
