"""Jobs on a Storage Queue; the Functions host's queue trigger runs them.

A message body is `{"job": "process-bundle", "bundle_id": "..."}` (application.messages.jobs),
sent base64-encoded: the Functions host reads queue messages as base64 (host.json
`extensions.queues.messageEncoding: base64`, its default) and fails a message that is
not. So the queue client must be made with `TextBase64EncodePolicy` (see
`functions_queue_client`); the constructor refuses one that is not.

The host redelivers a job whose run failed and, once a message was dequeued
`maxDequeueCount` times (5 by default), moves it to the `<queue>-poison` queue.
"""

from __future__ import annotations

from azure.storage.queue import QueueClient, TextBase64EncodePolicy

from application.messages.jobs import job_to_message
from application.ports.messaging import Job, JobQueue


def functions_queue_client(connection_string: str, queue_name: str) -> QueueClient:
    """A client for a queue that the Functions host reads (base64 messages)."""
    return QueueClient.from_connection_string(
        connection_string, queue_name, message_encode_policy=TextBase64EncodePolicy()
    )


class StorageQueueJobQueue(JobQueue):
    def __init__(self, client: QueueClient) -> None:
        policy = getattr(client, "_message_encode_policy", None)
        if not isinstance(policy, TextBase64EncodePolicy):
            raise ValueError("the Functions host reads base64: use functions_queue_client")
        self._client = client

    def enqueue(self, job: Job) -> None:
        delay = getattr(job, "delay_seconds", 0)
        self._client.send_message(job_to_message(job), visibility_timeout=delay or None)
