"""EventBridge's rule on Pawtrack's bus: a domain event, announced to its owner.

An error raises: Lambda's asynchronous retries try again, then the rule's dead-letter queue
keeps the event. An unknown `detail-type` raises too, so that it is kept, not dropped.
"""

from __future__ import annotations

from adapters.aws.eventbridge_event_publisher import event_from_detail
from entrypoints.aws_lambda import runtime
from entrypoints.aws_lambda.events_data import Event


def handler(event: Event, context: object) -> None:
    runtime.container().announce()(event_from_detail(event["detail-type"], event["detail"]))
