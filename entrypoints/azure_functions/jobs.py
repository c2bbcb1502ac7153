"""The jobs queue's consumer: one Storage Queue message, one job.

A message it cannot take (not a job, a bundle not uploaded yet) raises DeliveryFailed after
one log line; any other error raises too: the host makes the message visible again and,
after host.json's maxDequeueCount (5) deliveries, moves it to `<queue>-poison`, the
dead-letter queue's counterpart, where it is kept. Messages are base64 (host.json
`messageEncoding`), as the job queue writes them.
"""

from __future__ import annotations

import azure.functions as func

from application.messages.jobs import job_from_message
from domain.errors import DomainError
from entrypoints.azure_functions import runtime
from entrypoints.azure_functions.blueprints import blueprint as new_blueprint
from entrypoints.azure_functions.events_data import queue_text
from entrypoints.triggers import MalformedEvent, failed

blueprint = new_blueprint()


@blueprint.function_name("jobs_process")
@blueprint.queue_trigger(
    arg_name="message", queue_name="%PAWTRACK_JOBS_QUEUE%", connection="PAWTRACK_STORAGE_CONNECTION"
)
def process_job(message: func.QueueMessage) -> None:
    try:
        job = job_from_message(queue_text(message))
        runtime.container().process_bundle()(job)
    except (MalformedEvent, DomainError, ValueError) as error:  # expected: no trace, just why
        where = f"job message {message.id} (delivery {message.dequeue_count})"
        raise failed("jobs_process", f"{where}: {error}") from None
