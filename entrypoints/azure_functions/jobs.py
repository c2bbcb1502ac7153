"""The jobs queue's consumer: one Storage Queue message, one job.

An error raises: the host makes the message visible again and, after host.json's
maxDequeueCount (5) deliveries, moves it to `<queue>-poison`, the dead-letter queue's
counterpart. Messages are base64 (host.json `messageEncoding`), as the job queue writes them.
"""

from __future__ import annotations

import logging

import azure.functions as func

from application.messages.jobs import job_from_message
from domain.errors import DomainError
from entrypoints.azure_functions import runtime
from entrypoints.azure_functions.blueprints import blueprint as new_blueprint

log = logging.getLogger(__name__)
blueprint = new_blueprint()
_FAILED = "job message %s (delivery %s) failed and goes back to the queue: %s"


@blueprint.function_name("jobs_process")
@blueprint.queue_trigger(
    arg_name="message", queue_name="%PAWTRACK_JOBS_QUEUE%", connection="PAWTRACK_STORAGE_CONNECTION"
)
def process_job(message: func.QueueMessage) -> None:
    try:
        job = job_from_message(message.get_body().decode("utf-8"))
        runtime.container().process_bundle()(job)
    except (DomainError, ValueError) as error:  # expected: no stack trace, just why
        log.warning(_FAILED, message.id, message.dequeue_count, error)
        raise
