from __future__ import annotations

import attrs

from application.ports.messaging import JobQueue, ProcessBundle
from domain.bundles import bundle_id_of


@attrs.frozen
class BundleUploadedEvent:
    """Object storage says an object was written under `blob_key`."""

    blob_key: str


class QueueBundleProcessing:
    """Queues the processing of an uploaded bundle; other objects (photos) need none."""

    def __init__(self, jobs: JobQueue) -> None:
        self._jobs = jobs

    def __call__(self, event: BundleUploadedEvent) -> bool:
        bundle_id = bundle_id_of(event.blob_key)
        if bundle_id is None:
            return False
        self._jobs.enqueue(ProcessBundle(bundle_id))
        return True
