"""The "azure" factories of the service ports: Blob Storage and Storage Queues on
Azurite, Event Grid on a loopback topic. Each test gets a container or queue of its
own; the harnesses in harnesses/azure.py show the effects as the consumers see them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from azure.storage.blob import ContainerClient

from adapters.azure.blob_storage_dead_letters import BlobStorageDeadLetters
from tests.support import azure
from tests.support.azure_eventgrid import start_fake_event_grid
from tests.support.azurite_clock import AzuriteClock, clocked_azurite

from .harnesses.azure import (
    AzureBlobHarness,
    EventGridHarness,
    StorageQueueHarness,
)

# host.json's queues.visibilityTimeout: longer than a test runs, so a failed job comes
# back later, not to the next drain.
RETRY_AFTER = timedelta(seconds=30)


def blobs(ws: Any) -> AzureBlobHarness:
    """On the clocked Azurite, its clock starting where the workspace's does."""
    azurite = clocked_azurite()
    return AzureBlobHarness(azurite, AzuriteClock(azurite, ws.clock.now()))


def dead_letters(ws: Any) -> BlobStorageDeadLetters:
    container = ContainerClient.from_connection_string(
        azure.azurite().connection_string, azure.unique_name("poison")
    )
    container.create_container()
    return BlobStorageDeadLetters(container)


def jobs(ws: Any) -> StorageQueueHarness:
    return StorageQueueHarness(azure.azurite().connection_string, RETRY_AFTER)


def events(ws: Any) -> Iterator[EventGridHarness]:
    topic = start_fake_event_grid()
    yield EventGridHarness(topic)
    topic.close()
