"""The jobs queue's consumer, with partial batch responses (ReportBatchItemFailures).

Each message stands alone, in the trace its job carried: one that fails (unreadable, a bundle
not uploaded yet, any error) is named in `batchItemFailures` and stays on the queue, to be
retried after its visibility timeout until maxReceiveCount moves it to the dead-letter queue;
Lambda deletes the others. Each failure is told (`job-retried`, or `job-dead-lettered` on the
last receive). The queue is a standard one: order does not matter, so a failure stops nothing.
An event that is not an SQS batch, or a record naming no message, is rejected with one log
line: there is nothing to name for a retry.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from application.messages.jobs import job_from_message, trace_of_message
from application.use_cases.observe import JobFailed
from domain.errors import DomainError
from entrypoints.aws_lambda import runtime
from entrypoints.aws_lambda.events_data import Event, SqsMessage, sqs_messages
from entrypoints.aws_lambda.tracing import invocation
from entrypoints.triggers import MalformedEvent, rejected

if TYPE_CHECKING:
    from entrypoints.wiring import Container

log = logging.getLogger(__name__)


def handler(event: Event, context: object) -> dict[str, Any]:
    try:
        messages, unnamed = sqs_messages(event)
    except MalformedEvent as error:
        messages, unnamed = [], [str(error)]
    if unnamed:
        rejected("sqs", "; ".join(unnamed))
    failed = [m.message_id for m in messages if not _processed(runtime.container(), m, context)]
    return {"batchItemFailures": [{"itemIdentifier": message_id} for message_id in failed]}


def _processed(container: Container, message: SqsMessage, context: object) -> bool:
    try:
        body = message.body
    except MalformedEvent as error:  # named, so kept: retried, then dead-lettered
        log.warning("job message %s stays on the queue: %s", message.message_id, error)
        reason = f"{type(error).__name__}: {error}"
        container.observe()(JobFailed(message.message_id, message.receive_count, reason))
        return False
    with invocation(context, trace_of_message(body)):
        try:
            container.run_job()(job_from_message(body))
        except (DomainError, ValueError) as error:  # expected: no stack trace, just why
            reason = f"{type(error).__name__}: {error}"
        except Exception as error:
            log.exception("job message %s failed", message.message_id)
            reason = type(error).__name__
        else:
            return True
        container.observe()(JobFailed(message.message_id, message.receive_count, reason))
        return False
