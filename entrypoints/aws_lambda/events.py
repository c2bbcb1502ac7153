"""EventBridge's rule on Pawtrack's bus: a domain event, announced to its owner.

An error raises: Lambda's asynchronous retries try again, then the rule's dead-letter queue
keeps the event. An unknown `detail-type` raises too, so that it is kept, not dropped.
"""

from __future__ import annotations

from application.messages.events import decode, trace_of
from entrypoints.aws_lambda import runtime
from entrypoints.aws_lambda.events_data import Event
from entrypoints.aws_lambda.tracing import invocation


def handler(event: Event, context: object) -> None:
    """In the trace of the delivery that published the event."""
    with invocation(context, trace_of(event.get("detail"))):
        runtime.container().announce()(decode(event["detail-type"], event["detail"]))
