from __future__ import annotations

import attrs

from application.ports.blobs import BlobStore
from application.ports.messaging import JobQueue, ProcessBundle
from domain.bundles import bundle_id_of
from domain.errors import InvalidInput


@attrs.frozen
class BundleUploadedEvent:
    """Object storage says an object was written under `blob_key`, in the store the
    notification names (`store`: a bucket, an account's container; None when Pawtrack's own
    store announced it in process)."""

    blob_key: str
    store: str | None = None


class QueueBundleProcessing:
    """Queues the processing of an uploaded bundle; other objects (photos) need none. An
    object of another store than Pawtrack's is refused (InvalidInput): a bundle of the same
    key in Pawtrack's store must not be processed on another store's word."""

    def __init__(self, jobs: JobQueue, blobs: BlobStore) -> None:
        self._jobs, self._blobs = jobs, blobs

    def __call__(self, event: BundleUploadedEvent) -> bool:
        if event.store is not None and not self._blobs.is_store(event.store):
            raise InvalidInput("store", f"{event.store!r} is not Pawtrack's object store")
        bundle_id = bundle_id_of(event.blob_key)
        if bundle_id is None:
            return False
        self._jobs.enqueue(ProcessBundle(bundle_id))
        return True
