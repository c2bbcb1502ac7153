"""The jobs queue's consumer, with partial batch responses (ReportBatchItemFailures).

Each message stands alone, in the trace its job carried: one that fails (unreadable, a bundle
not uploaded yet, any error) is named in `batchItemFailures` and stays on the queue, to be
retried after its visibility timeout until maxReceiveCount moves it to the dead-letter queue;
Lambda deletes the others. Each failure is told (`job-retried`, or `job-dead-lettered` on the
last receive). The queue is a standard one: order does not matter, so a failure stops nothing.
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

if TYPE_CHECKING:
    from entrypoints.wiring import Container

log = logging.getLogger(__name__)


def handler(event: Event, context: object) -> dict[str, Any]:
    container = runtime.container()
    failed = [m.message_id for m in sqs_messages(event) if not _processed(container, m, context)]
    return {"batchItemFailures": [{"itemIdentifier": message_id} for message_id in failed]}


def _processed(container: Container, message: SqsMessage, context: object) -> bool:
    with invocation(context, trace_of_message(message.body)):
        try:
            container.process_bundle()(job_from_message(message.body))
        except (DomainError, ValueError) as error:  # expected: no stack trace, just why
            reason = f"{type(error).__name__}: {error}"
        except Exception as error:
            log.exception("job message %s failed", message.message_id)
            reason = type(error).__name__
        else:
            return True
        container.observe()(JobFailed(message.message_id, message.receive_count, reason))
        return False
