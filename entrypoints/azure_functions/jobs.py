"""The jobs queue's consumer: one Storage Queue message, one job, in the trace the job carried.

A message it cannot take (not UTF-8, not a job, a bundle not uploaded yet) raises
DeliveryFailed after one log line; any other error raises too: the host makes the message
visible again and, after host.json's maxDequeueCount (5) deliveries, moves it to
`<queue>-poison`, the dead-letter queue's counterpart, where it is kept. Each failure is told
(`job-retried`, or `job-dead-lettered` on the last delivery). Messages are base64 (host.json
`messageEncoding`), as the job queue writes them.
"""

from __future__ import annotations

import logging

import azure.functions as func

from application.messages.jobs import job_from_message, trace_of_message
from application.use_cases.observe import JobFailed
from domain.errors import DomainError
from entrypoints.azure_functions import runtime
from entrypoints.azure_functions.blueprints import blueprint as new_blueprint
from entrypoints.azure_functions.events_data import queue_text
from entrypoints.azure_functions.tracing import NO_CONTEXT, invocation
from entrypoints.triggers import MalformedEvent, failed

log = logging.getLogger(__name__)
blueprint = new_blueprint()


@blueprint.function_name("jobs_process")
@blueprint.queue_trigger(
    arg_name="message", queue_name="%PAWTRACK_JOBS_QUEUE%", connection="PAWTRACK_STORAGE_CONNECTION"
)
def process_job(message: func.QueueMessage, context: func.Context = NO_CONTEXT) -> None:
    container = runtime.container()
    try:
        body = queue_text(message)
    except MalformedEvent as error:
        container.observe()(JobFailed(str(message.id), _delivery(message), _why(error)))
        raise failed("jobs_process", f"{_where(message)}: {error}") from None
    with invocation("jobs_process", context, trace_of_message(body)):
        try:
            container.run_job()(job_from_message(body))
        except (DomainError, ValueError) as error:  # expected: no stack trace, just why
            container.observe()(JobFailed(str(message.id), _delivery(message), _why(error)))
            raise failed("jobs_process", f"{_where(message)}: {error}") from None
        except Exception as error:
            log.exception("job message %s failed", message.id)
            container.observe()(
                JobFailed(str(message.id), _delivery(message), type(error).__name__)
            )
            raise


def _delivery(message: func.QueueMessage) -> int:
    return message.dequeue_count or 1


def _where(message: func.QueueMessage) -> str:
    return f"job message {message.id} (delivery {_delivery(message)})"


def _why(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"
