"""Objects of the in-memory store deleted by the time they were last written."""

from __future__ import annotations

from datetime import datetime

from adapters.local.memory_blob_store import InMemoryBlobStore
from application.ports.blobs import BlobExpiry


class InMemoryBlobExpiry(BlobExpiry):
    def __init__(self, store: InMemoryBlobStore) -> None:
        self._store = store

    def expire(self, prefix: str, written_before: datetime) -> int:
        old = [
            key
            for key, written in self._store.written.items()
            if key.startswith(prefix) and written < written_before
        ]
        for key in old:
            self._store.delete(key)
        return len(old)
