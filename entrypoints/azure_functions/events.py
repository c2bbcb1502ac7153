"""Event Grid's subscription to Pawtrack's custom topic: a domain event, announced to its owner.

An error raises: Event Grid retries, then dead-letters the event. An unknown event type or
unreadable data raises too (ValueError), so that it is kept, not dropped.
"""

from __future__ import annotations

import azure.functions as func

from application.messages.events import decode, trace_of
from entrypoints.azure_functions import runtime
from entrypoints.azure_functions.blueprints import blueprint as new_blueprint
from entrypoints.azure_functions.tracing import NO_CONTEXT, invocation

blueprint = new_blueprint()


@blueprint.function_name("events_announce")
@blueprint.event_grid_trigger(arg_name="event")
def announce(event: func.EventGridEvent, context: func.Context = NO_CONTEXT) -> None:
    """In the trace of the delivery that published the event."""
    data = event.get_json()
    with invocation("events_announce", context, trace_of(data)):
        runtime.container().announce()(decode(event.event_type, data))
