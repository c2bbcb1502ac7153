"""The jobs queue's consumer, with partial batch responses (ReportBatchItemFailures).

Each message stands alone: one that fails (unreadable, a bundle not uploaded yet, any
error) is named in `batchItemFailures` and stays on the queue, to be retried after its
visibility timeout until maxReceiveCount moves it to the dead-letter queue; Lambda deletes
the others. The queue is a standard one: order does not matter, so a failure stops nothing.
An event that is not an SQS batch, or a record naming no message, is rejected with one log
line: there is nothing to name for a retry.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from application.messages.jobs import job_from_message
from application.ports.messaging import Job
from domain.errors import DomainError
from entrypoints.aws_lambda import runtime
from entrypoints.aws_lambda.events_data import Event, SqsMessage, sqs_messages
from entrypoints.triggers import MalformedEvent, rejected

log = logging.getLogger(__name__)
_FAILED = "job message %s (receive %d) failed and stays on the queue: %s"


def handler(event: Event, context: object) -> dict[str, Any]:
    try:
        messages, unnamed = sqs_messages(event)
    except MalformedEvent as error:
        messages, unnamed = [], [str(error)]
    if unnamed:
        rejected("sqs", "; ".join(unnamed))
    process = runtime.container().process_bundle() if messages else None
    failed = [m.message_id for m in messages if process is None or not _processed(process, m)]
    return {"batchItemFailures": [{"itemIdentifier": message_id} for message_id in failed]}


def _processed(process: Callable[[Job], object], message: SqsMessage) -> bool:
    try:
        process(job_from_message(message.body))
    except (DomainError, ValueError, MalformedEvent) as error:  # expected: no trace, just why
        log.warning(_FAILED, message.message_id, message.receive_count, error)
        return False
    except Exception as error:
        log.exception(_FAILED, message.message_id, message.receive_count, error)
        return False
    return True
