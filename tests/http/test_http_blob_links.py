"""SignedBlobs serves the signed links of either local store: files, or the in-memory one."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from http_support import NOW

from adapters.local.file_blob_store import FileBlobStore
from adapters.local.memory_blob_store import InMemoryBlobStore
from adapters.local.settable_clock import SettableClock
from application.ports.blobs import BlobStore
from entrypoints.local.blob_links import LinkRefused, SignedBlobs

MINUTE = timedelta(minutes=1)


def _stores(tmp_path: Path, clock: SettableClock) -> dict[str, BlobStore]:
    return {
        "memory": InMemoryBlobStore(clock),
        "file": FileBlobStore(tmp_path, "http://127.0.0.1:1", b"secret", clock),
    }


def _key_and_query(link: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(link)
    return parts.path.removeprefix("/blobs/").lstrip("/"), dict(parse_qsl(parts.query))


@pytest.mark.parametrize("kind", ["memory", "file"])
def test_links_are_honoured_until_they_expire(tmp_path: Path, kind: str) -> None:
    clock = SettableClock(NOW)
    store = _stores(tmp_path, clock)[kind]
    blobs = SignedBlobs(store)
    key, query = _key_and_query(store.upload_link("photos/rex.jpg", "image/jpeg", MINUTE))
    assert key == "photos/rex.jpg"
    for forged in ({**query, "sig": "0" * 64}, {**query, "expires": "9" + query["expires"]}):
        with pytest.raises(LinkRefused):
            blobs.put(key, forged, b"evil")
    with pytest.raises(LinkRefused):
        blobs.put("photos/other.jpg", query, b"evil")
    blobs.put(key, query, b"jpeg")
    assert blobs.get(*_key_and_query(store.download_link(key, MINUTE))) == b"jpeg"
    late = _key_and_query(store.download_link(key, MINUTE))
    clock.advance(2 * MINUTE)
    with pytest.raises(LinkRefused):
        blobs.get(*late)
    with pytest.raises(LinkRefused):
        blobs.put(key, {"expires": "soon"}, b"x")


def test_a_missing_object_is_none(tmp_path: Path) -> None:
    clock = SettableClock(NOW)
    for store in _stores(tmp_path, clock).values():
        assert (
            SignedBlobs(store).get(*_key_and_query(store.download_link("photos/none.jpg", MINUTE)))
            is None
        )


def test_other_stores_are_not_served() -> None:
    with pytest.raises(TypeError):
        SignedBlobs(object())  # type: ignore[arg-type]
