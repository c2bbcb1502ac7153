"""S3's ObjectCreated notification: an uploaded bundle is queued for processing (photos need none).

Only objects of Pawtrack's bucket: a notification naming another bucket is rejected, as is
one that is not S3's (one log line, nothing queued).
"""

from __future__ import annotations

from application.use_cases.bundle_uploaded import BundleUploadedEvent
from domain.errors import DomainError
from entrypoints.aws_lambda import runtime
from entrypoints.aws_lambda.events_data import Event, S3Notification
from entrypoints.aws_lambda.tracing import traced
from entrypoints.triggers import MalformedEvent, rejected


@traced
def handler(event: Event, context: object) -> None:
    """An error (the queue unreachable) raises, so that Lambda retries the notification."""
    try:
        created = S3Notification(event).created
    except MalformedEvent as error:
        return rejected("s3", error)
    queue_processing = runtime.container().queue_bundle_processing()
    for bucket, key in created:
        try:
            queue_processing(BundleUploadedEvent(key, store=bucket))
        except DomainError as error:
            rejected("s3", error)
