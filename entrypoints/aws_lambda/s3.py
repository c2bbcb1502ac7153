"""S3's ObjectCreated notification: an uploaded bundle is queued for processing (photos need none)."""

from __future__ import annotations

from application.use_cases.bundle_uploaded import BundleUploadedEvent
from entrypoints.aws_lambda import runtime
from entrypoints.aws_lambda.events_data import Event, S3Notification
from entrypoints.aws_lambda.tracing import traced


@traced
def handler(event: Event, context: object) -> None:
    """An error (the queue unreachable) raises, so that Lambda retries the notification."""
    queue_processing = runtime.container().queue_bundle_processing()
    for key in S3Notification(event).created_keys:
        queue_processing(BundleUploadedEvent(key))
