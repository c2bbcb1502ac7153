"""The jobs queue's consumer, with partial batch responses (ReportBatchItemFailures).

Each message stands alone: one that fails (unreadable, a bundle not uploaded yet, any
error) is named in `batchItemFailures` and stays on the queue, to be retried after its
visibility timeout until maxReceiveCount moves it to the dead-letter queue; Lambda deletes
the others. The queue is a standard one: order does not matter, so a failure stops nothing.
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

log = logging.getLogger(__name__)
_FAILED = "job message %s (receive %d) failed and stays on the queue: %s"


def handler(event: Event, context: object) -> dict[str, Any]:
    process = runtime.container().process_bundle()
    failed = [m.message_id for m in sqs_messages(event) if not _processed(process, m)]
    return {"batchItemFailures": [{"itemIdentifier": message_id} for message_id in failed]}


def _processed(process: Callable[[Job], object], message: SqsMessage) -> bool:
    try:
        process(job_from_message(message.body))
    except (DomainError, ValueError) as error:  # expected: no stack trace, just why
        log.warning(_FAILED, message.message_id, message.receive_count, error)
        return False
    except Exception as error:
        log.exception(_FAILED, message.message_id, message.receive_count, error)
        return False
    return True
