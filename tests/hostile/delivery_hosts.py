"""What the platforms do with a queue's messages, round by round, on the real queues.

- `sqs_event_source`: Lambda's SQS event source mapping with ReportBatchItemFailures: receive
  a batch, invoke the function, delete the messages it did not name as failed. The queue's
  redrive policy (maxReceiveCount) moves a message received too often to the dead-letter queue.
- `queue_trigger`: the Functions host's queue trigger: receive messages, invoke the function
  for each; a message whose invocation raised is made visible again, or, at host.json's
  maxDequeueCount, copied to `<queue>-poison` and deleted.

Each answers the messages that failed in each round (SQS message ids; Storage Queue bodies).
The platforms wait between retries (SQS's visibility timeout, the host's visibilityTimeout);
here a failed message is visible again at once, which changes nothing but the wait.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

from entrypoints.aws_lambda import sqs
from tests.support.aws import client
from tests.support.drivers import aws_events
from tests.support.drivers.azure import MAX_DEQUEUE, _queue_message, host_function


def sqs_event_source(
    queue_url: str, rounds: int, handler: Callable[[Any, Any], Any] = sqs.handler
) -> list[set[str]]:
    """Lambda's event source mapping, round by round: the message ids each invocation reported
    as failed (partial batch responses); the others are deleted, the failed come back. The
    jobs queue's function unless another `handler` is named (the readings queue's)."""
    sqs_client, reported = client("sqs"), []
    for _ in range(rounds):
        messages = sqs_client.receive_message(
            QueueUrl=queue_url, MaxNumberOfMessages=10, AttributeNames=["All"]
        ).get("Messages", [])
        if not messages:
            break
        answer = handler(aws_events.sqs_batch(aws_events.queue_arn(queue_url), messages), None)
        failed = {f["itemIdentifier"] for f in answer["batchItemFailures"]}
        reported.append(failed)
        for message in messages:
            if message["MessageId"] not in failed:
                sqs_client.delete_message(
                    QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"]
                )
    return reported


def queue_trigger(jobs: Any, poison: Any, rounds: int) -> list[set[str]]:
    function, reported = host_function("jobs_process"), []
    for _ in range(rounds):
        messages = list(jobs.receive_messages(messages_per_page=16, visibility_timeout=30))
        if not messages:
            break
        failed = set()
        for message in messages:
            body = base64.b64decode(message.content).decode()
            try:
                function(_queue_message(body, message.dequeue_count or 1))
            except Exception:
                failed.add(body)
                if (message.dequeue_count or 1) >= MAX_DEQUEUE:
                    poison.send_message(message.content)
                    jobs.delete_message(message)
                else:
                    jobs.update_message(message, visibility_timeout=0)
                continue
            jobs.delete_message(message)
        reported.append(failed)
    return reported


def parked_sqs(dlq_url: str) -> list[str]:
    """The bodies in the dead-letter queue."""
    found: list[str] = []
    while True:
        messages = (
            client("sqs")
            .receive_message(QueueUrl=dlq_url, MaxNumberOfMessages=10, VisibilityTimeout=60)
            .get("Messages", [])
        )
        if not messages:
            return found
        found += [m["Body"] for m in messages]


def parked_storage(poison: Any) -> list[str]:
    """The bodies in the poison queue."""
    return [
        base64.b64decode(m.content).decode()
        for m in poison.receive_messages(messages_per_page=32, visibility_timeout=60)
    ]
