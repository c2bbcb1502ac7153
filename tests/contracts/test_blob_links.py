"""BlobLinks: the links a laptop's BlobStore hands out, honoured as S3 or Blob Storage would
(files, or the in-memory store). The clouds' providers have no adapter of this port."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from adapters.local.file_blob_links import FileBlobLinks
from adapters.local.file_blob_store import FileBlobStore
from adapters.local.memory_blob_links import InMemoryBlobLinks
from adapters.local.memory_blob_store import InMemoryBlobStore
from adapters.local.settable_clock import SettableClock
from application.ports.blobs import BlobLinks, BlobStore
from domain.errors import AccessDenied

NOW = datetime(2026, 11, 21, 10, tzinfo=UTC)
MINUTE = timedelta(minutes=1)
Pair = tuple[BlobStore, BlobLinks]


def _memory(tmp_path: Path, clock: SettableClock) -> Pair:
    store = InMemoryBlobStore(clock)
    return store, InMemoryBlobLinks(store)


def _file(tmp_path: Path, clock: SettableClock) -> Pair:
    store = FileBlobStore(tmp_path, "http://127.0.0.1:1", b"secret", clock)
    return store, FileBlobLinks(store)


ADAPTERS: dict[str, Callable[[Path, SettableClock], Pair]] = {"memory": _memory, "file": _file}


def _key_and_query(link: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(link)
    return parts.path.removeprefix("/blobs/").lstrip("/"), dict(parse_qsl(parts.query))


@pytest.mark.parametrize("kind", ADAPTERS)
def test_links_are_honoured_until_they_expire(tmp_path: Path, kind: str) -> None:
    clock = SettableClock(NOW)
    store, links = ADAPTERS[kind](tmp_path, clock)
    key, query = _key_and_query(store.upload_link("photos/rex.jpg", "image/jpeg", MINUTE).url)
    assert key == "photos/rex.jpg"
    for forged in ({**query, "sig": "0" * 64}, {**query, "expires": "9" + query["expires"]}):
        with pytest.raises(AccessDenied):
            links.put(key, forged, b"evil", "image/jpeg")
    with pytest.raises(AccessDenied):
        links.put("photos/other.jpg", query, b"evil", "image/jpeg")
    for other_type in ("", "text/html"):  # S3 refuses a Content-Type the link was not signed for
        with pytest.raises(AccessDenied):
            links.put(key, query, b"<script>", other_type)
    links.put(key, query, b"jpeg", "image/jpeg")
    assert links.get(*_key_and_query(store.download_link(key, MINUTE))) == b"jpeg"
    late = _key_and_query(store.download_link(key, MINUTE))
    clock.advance(2 * MINUTE)
    with pytest.raises(AccessDenied):
        links.get(*late)
    with pytest.raises(AccessDenied):
        links.put(key, {"expires": "soon"}, b"x", "image/jpeg")


@pytest.mark.parametrize("kind", ADAPTERS)
def test_a_download_link_does_not_upload(tmp_path: Path, kind: str) -> None:
    store, links = ADAPTERS[kind](tmp_path, SettableClock(NOW))
    with pytest.raises(AccessDenied):
        links.put(*_key_and_query(store.download_link("photos/rex.jpg", MINUTE)), b"evil", "")
    assert not store.exists("photos/rex.jpg")


@pytest.mark.parametrize("kind", ADAPTERS)
def test_a_missing_object_is_none(tmp_path: Path, kind: str) -> None:
    store, links = ADAPTERS[kind](tmp_path, SettableClock(NOW))
    assert links.get(*_key_and_query(store.download_link("photos/none.jpg", MINUTE))) is None
