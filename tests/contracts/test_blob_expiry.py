"""BlobExpiry: objects under a prefix go once older than the deadline; the others stay."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from adapters.local.file_blob_expiry import FileBlobExpiry
from adapters.local.file_blob_store import FileBlobStore
from adapters.local.memory_blob_expiry import InMemoryBlobExpiry
from adapters.local.memory_blob_store import InMemoryBlobStore
from adapters.local.settable_clock import SettableClock

from .conftest import START

KEYS = ("exports/a/1.jsonl.gz", "exports/b/2.requested", "photos/p.jpg")


def test_memory_objects_expire_by_the_time_they_were_written() -> None:
    clock = SettableClock(START)
    store = InMemoryBlobStore(clock)
    for key in KEYS:
        store.write_stream(key, [b"x"], "application/octet-stream")
    clock.set(START + timedelta(days=8))
    store.write_stream("exports/a/3.jsonl.gz", [b"new"], "application/gzip")
    expiry = InMemoryBlobExpiry(store)
    assert expiry.expire("exports/", START + timedelta(days=1)) == 2
    assert [k for k in (*KEYS, "exports/a/3.jsonl.gz") if store.exists(k)] == [
        "photos/p.jpg",
        "exports/a/3.jsonl.gz",
    ]


def test_files_expire_by_their_modification_time(tmp_path: Path) -> None:
    clock = SettableClock(START)
    store = FileBlobStore(tmp_path, "http://127.0.0.1:1", b"s" * 32, clock)
    for key in (*KEYS, "exports/a/3.jsonl.gz"):
        store.write_stream(key, [b"x"], "application/octet-stream")
    old = (START - timedelta(days=8)).timestamp()
    for key in KEYS:
        os.utime(tmp_path / key, (old, old))
    expiry = FileBlobExpiry(tmp_path)
    assert expiry.expire("exports/", START - timedelta(days=7)) == 2
    assert expiry.expire("nothing-here/", START) == 0
    left = [k for k in (*KEYS, "exports/a/3.jsonl.gz") if store.exists(k)]
    assert left == ["photos/p.jpg", "exports/a/3.jsonl.gz"]
