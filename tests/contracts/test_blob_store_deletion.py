"""BlobStore.delete: a deleted object is gone for good, links issued before it included.

(Beside test_blob_store.py, whose links and uploads it relies on, so that the two evolve apart.)
"""

from __future__ import annotations

import pytest

from .harnesses.blobs import BlobHarness, LinkRefused
from .test_blob_store import DATA, KEY, VALID_FOR

OTHER = "photos/another.jpg"


def test_a_deleted_object_is_gone_and_the_others_stay(blobs: BlobHarness) -> None:
    for key in (KEY, OTHER):
        blobs.put(blobs.store.upload_link(key, "application/octet-stream", VALID_FOR), DATA)
    download = blobs.store.download_link(KEY, VALID_FOR)
    blobs.store.delete(KEY)
    blobs.store.delete(KEY)  # again: nothing happens
    blobs.store.delete("photos/never-stored.jpg")
    assert blobs.store.read(KEY) is None
    assert blobs.store.exists(KEY) is False
    with pytest.raises(LinkRefused):
        blobs.get(download)  # a link handed out before the deletion reaches nothing
    assert blobs.store.read(OTHER) == DATA
