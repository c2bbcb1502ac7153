"""Event Grid's BlobCreated of the storage account: an uploaded bundle is queued for processing.

The subscription filters on `bundles/`; photos that come anyway need no processing, which the
use case decides. An event that is no BlobCreated of Pawtrack's account and container is
rejected (one log line, nothing queued). An error (the queue unreachable) raises, so that
Event Grid retries.
"""

from __future__ import annotations

import azure.functions as func

from application.use_cases.bundle_uploaded import BundleUploadedEvent
from domain.errors import DomainError
from entrypoints.azure_functions import runtime
from entrypoints.azure_functions.blueprints import blueprint as new_blueprint
from entrypoints.azure_functions.events_data import BlobCreated
from entrypoints.azure_functions.tracing import NO_CONTEXT, invocation
from entrypoints.triggers import MalformedEvent, rejected

blueprint = new_blueprint()


@blueprint.function_name("bundles_created")
@blueprint.event_grid_trigger(arg_name="event")
def blob_created(event: func.EventGridEvent, context: func.Context = NO_CONTEXT) -> None:
    try:
        blob = BlobCreated(event)
        with invocation("bundles_created", context):
            queue = runtime.container().queue_bundle_processing()
            queue(BundleUploadedEvent(blob.name, blob.store))
    except (MalformedEvent, DomainError) as error:
        rejected("bundles_created", f"event {event.id}: {error}")
