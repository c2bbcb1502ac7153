"""Contract-test harnesses of the Azure adapters: Blob Storage and Storage Queues on
Azurite, Event Grid on a loopback topic (tests/support/azure_eventgrid.py).

Each shows an effect as its consumer would see it: a phone's HTTP PUT or GET through
a SAS link, the Functions host's queue trigger, an Event Grid subscription.
"""

from __future__ import annotations

import contextlib
from datetime import timedelta

import httpx
from azure.core.credentials import AzureKeyCredential
from azure.core.exceptions import ResourceExistsError
from azure.eventgrid import EventGridPublisherClient
from azure.storage.blob import ContainerClient
from azure.storage.queue import (
    QueueClient,
    QueueMessage,
    TextBase64DecodePolicy,
    TextBase64EncodePolicy,
)

from adapters.azure.blob_storage_blob_store import BlobStorageBlobStore, signed_with_account_key
from adapters.azure.eventgrid_event_publisher import EventGridEventPublisher
from adapters.azure.storage_queue_job_queue import StorageQueueJobQueue, functions_queue_client
from application.messages.events import decode
from application.messages.jobs import job_from_message
from application.ports.blobs import UploadLink
from tests.support import azure
from tests.support.azure_eventgrid import FakeEventGrid
from tests.support.azurite_clock import AzuriteClock, ClockedAzurite

from .blobs import BlobHarness, LinkRefused
from .messaging import EventBusHarness, JobQueueHarness, no_worker

# Blobs: an HTTP PUT or GET through a SAS link, to an Azurite that keeps the test's time.


class AzureBlobHarness(BlobHarness):
    """BlobStorageBlobStore on the clocked Azurite, where the test's clock is Azurite's: Azurite
    itself refuses an expired, tampered or forged link, or one for another operation.

    `created` is what the account's BlobCreated events would announce: Azurite sends
    none, so it is the container's blobs, oldest first (a blob written twice once).
    """

    later_expiry = {"se": "2100-01-01T00:00:00Z"}  # noqa: RUF012 (read only)
    upload_right = {"sp": "cw"}  # noqa: RUF012 (read only)

    def __init__(self, azurite: ClockedAzurite, clock: AzuriteClock) -> None:
        self.clock = clock
        self._container = ContainerClient.from_connection_string(
            azurite.connection_string, azure.unique_name("blobs")
        )
        self._container.create_container()
        sign = signed_with_account_key(self._container, azure.ACCOUNT_KEY)
        self.store = BlobStorageBlobStore(self._container, sign, clock)

    @property  # type: ignore[override]
    def created(self) -> list[str]:
        blobs = sorted(self._container.list_blobs(), key=lambda b: (b.creation_time, b.name))
        return [blob.name for blob in blobs]

    def put(self, link: UploadLink | str, data: bytes) -> None:
        url, headers = (link.url, link.headers) if isinstance(link, UploadLink) else (link, {})
        self._answer(httpx.put(url, content=data, headers=dict(headers)), 201)

    def get(self, link: str) -> bytes:
        return self._answer(httpx.get(link), 200)

    @staticmethod
    def _answer(response: httpx.Response, expected: int) -> bytes:
        if response.status_code != expected:
            raise LinkRefused(f"Azurite answered {response.status_code}: {response.text[:200]}")
        return response.content


# Messaging: drain does what the Functions host's queue and Event Grid triggers do.


class EventGridHarness(EventBusHarness):
    """The topic's subscription is the announcing Function; drain hands each event on.

    Event Grid would retry a delivery that failed, then dead-letter it: not emulated,
    the failure reaches the caller of `drain`.
    """

    def __init__(self, topic: FakeEventGrid) -> None:
        self.subscribers = []
        self._topic = topic
        client = EventGridPublisherClient(topic.endpoint, AzureKeyCredential(topic.key))
        self.publisher = EventGridEventPublisher(client)

    def drain(self) -> None:
        for delivered in self._topic.take():
            event = decode(delivered["eventType"], delivered["data"])
            for subscriber in list(self.subscribers):
                subscriber(event)


class StorageQueueHarness(JobQueueHarness):
    """The Functions host's queue trigger, as host.json configures it.

    The host decodes each message from base64 and runs the function. When the run
    fails it makes the message visible again after `visibilityTimeout` (`retry_after`),
    and when the message had been dequeued `maxDequeueCount` times it moves it to
    `<queue>-poison` instead. The contract's tests hide a failed job for longer than a
    test runs, so a failure comes back later, not to the next drain.
    """

    max_dequeue_count = 5

    def __init__(self, connection_string: str, retry_after: timedelta) -> None:
        self.worker, self.retry_after = no_worker, retry_after
        name = azure.unique_name("jobs")
        self.queue = StorageQueueJobQueue(functions_queue_client(connection_string, name))
        self.messages = self._client(connection_string, name)
        self.poison = self._client(connection_string, f"{name}-poison")
        self.messages.create_queue()

    @staticmethod
    def _client(connection_string: str, name: str) -> QueueClient:
        """A client that reads and writes messages as the host does (base64)."""
        return QueueClient.from_connection_string(
            connection_string,
            name,
            message_encode_policy=TextBase64EncodePolicy(),
            message_decode_policy=TextBase64DecodePolicy(),
        )

    def drain(self) -> None:
        """Runs every visible message once; raises the first failure after trying all."""
        failures: list[Exception] = []
        while batch := list(self.messages.receive_messages(max_messages=32, visibility_timeout=30)):
            for message in batch:
                try:
                    self.worker(job_from_message(message.content))
                except Exception as failure:
                    self._failed(message)
                    failures.append(failure)
                else:
                    self.messages.delete_message(message)
        if failures:
            raise failures[0]

    def _failed(self, message: QueueMessage) -> None:
        if (message.dequeue_count or 0) >= self.max_dequeue_count:
            with contextlib.suppress(ResourceExistsError):
                self.poison.create_queue()
            self.poison.send_message(message.content)
            self.messages.delete_message(message)
        else:
            seconds = int(self.retry_after.total_seconds())
            self.messages.update_message(message, visibility_timeout=seconds)
