"""Event Grid's BlobCreated of the storage account: an uploaded bundle is queued for processing.

The subscription filters on `bundles/`; photos that come anyway need no processing, which the
use case decides. An error (the queue unreachable) raises, so that Event Grid retries.
"""

from __future__ import annotations

import logging
from urllib.parse import unquote, urlsplit

import azure.functions as func

from application.use_cases.bundle_uploaded import BundleUploadedEvent
from entrypoints.azure_functions import runtime
from entrypoints.azure_functions.blueprints import blueprint as new_blueprint
from entrypoints.azure_functions.tracing import NO_CONTEXT, invocation

log = logging.getLogger(__name__)
blueprint = new_blueprint()
BLOB_CREATED = "Microsoft.Storage.BlobCreated"


def blob_name(url: str) -> str:
    """`https://<account>.blob.core.windows.net/<container>/bundles/<id>.jsonl` → `bundles/<id>.jsonl`,
    decoded: Event Grid gives the blob's URL, percent-encoded."""
    _, _container, name = urlsplit(url).path.split("/", 2)
    return unquote(name)


@blueprint.function_name("bundles_created")
@blueprint.event_grid_trigger(arg_name="event")
def blob_created(event: func.EventGridEvent, context: func.Context = NO_CONTEXT) -> None:
    if event.event_type != BLOB_CREATED:
        log.warning("ignored a %s event from the storage account", event.event_type)
        return
    key = blob_name(str(event.get_json()["url"]))
    with invocation("bundles_created", context):
        runtime.container().queue_bundle_processing()(BundleUploadedEvent(key))
