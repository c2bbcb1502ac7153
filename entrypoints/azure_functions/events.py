"""Event Grid's subscription to Pawtrack's custom topic: a domain event, announced to its owner.

An event of Azure's own (`Microsoft.*`, another topic's) is rejected with one log line. One
whose type or data this version cannot read raises DeliveryFailed, so that it is kept, not
dropped: Event Grid retries (a publisher newer than this consumer), then dead-letters it. Any
other error raises too, and is retried the same way.
"""

from __future__ import annotations

import azure.functions as func

from application.messages.events import decode, trace_of
from entrypoints.azure_functions import runtime
from entrypoints.azure_functions.blueprints import blueprint as new_blueprint
from entrypoints.azure_functions.events_data import PawtrackEvent
from entrypoints.azure_functions.tracing import NO_CONTEXT, invocation
from entrypoints.triggers import MalformedEvent, failed, rejected

blueprint = new_blueprint()


@blueprint.function_name("events_announce")
@blueprint.event_grid_trigger(arg_name="event")
def announce(event: func.EventGridEvent, context: func.Context = NO_CONTEXT) -> None:
    """In the trace of the delivery that published the event."""
    try:
        ours = PawtrackEvent(event)
    except MalformedEvent as error:
        return rejected("events_announce", f"event {event.id}: {error}")
    with invocation("events_announce", context, trace_of(ours.data)):
        try:
            domain_event = decode(ours.event_type, ours.data)
        except ValueError as error:
            raise failed("events_announce", f"event {ours.id}: {error}") from None
        runtime.container().announce()(domain_event)
