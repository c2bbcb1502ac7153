"""EventBridge's rule on Pawtrack's bus: a domain event, announced to its owner.

An event that is not one of Pawtrack's bus is rejected (one log line). One of its bus whose
type or detail this version cannot read raises DeliveryFailed, so that it is kept, not
dropped: Lambda's asynchronous retries try again (a publisher newer than this consumer), then
the on-failure destination keeps it. Any other error raises too, and is retried the same way.
"""

from __future__ import annotations

from application.messages.events import decode, trace_of
from entrypoints.aws_lambda import runtime
from entrypoints.aws_lambda.events_data import Event, EventBridgeEvent
from entrypoints.aws_lambda.tracing import invocation
from entrypoints.triggers import MalformedEvent, failed, rejected


def handler(event: Event, context: object) -> None:
    """In the trace of the delivery that published the event."""
    try:
        bridged = EventBridgeEvent(event)
    except MalformedEvent as error:
        return rejected("events", error)
    with invocation(context, trace_of(bridged.detail)):
        try:
            domain_event = decode(bridged.detail_type, bridged.detail)
        except ValueError as error:
            raise failed("events", f"event {bridged.id}: {error}") from None
        runtime.container().announce()(domain_event)
