"""Event Grid's subscription to Pawtrack's custom topic: a domain event, announced to its owner.

An error raises: Event Grid retries, then dead-letters the event. An unknown event type or
unreadable data raises too (ValueError), so that it is kept, not dropped.
"""

from __future__ import annotations

import azure.functions as func

from application.messages.events import decode
from entrypoints.azure_functions import runtime
from entrypoints.azure_functions.blueprints import blueprint as new_blueprint

blueprint = new_blueprint()


@blueprint.function_name("events_announce")
@blueprint.event_grid_trigger(arg_name="event")
def announce(event: func.EventGridEvent) -> None:
    domain_event = decode(event.event_type, event.get_json())
    runtime.container().announce()(domain_event)
