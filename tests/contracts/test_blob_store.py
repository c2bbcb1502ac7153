"""BlobStore: objects reached through short-lived links that allow one operation each.

What a caller does with a link goes through the harness (see harnesses.py):
the memory store's `put`/`get`, or the file store's `verify_link` + `write`/`read`
as the local HTTP server calls them.
"""

from __future__ import annotations

import gzip
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import attrs
import pytest
from azure.storage.blob import ContainerClient, ContentSettings

from adapters.aws.s3_blob_store import S3BlobStore
from adapters.azure.blob_storage_blob_store import BlobStorageBlobStore, signed_with_account_key
from adapters.local.file_blob_store import FileBlobStore
from adapters.local.settable_clock import SettableClock
from application.ports.blobs import BlobStore, UploadLink
from tests.support import aws, azure

from .harnesses.blobs import BlobHarness, LinkRefused

KEY = "bundles/0123abcd.jsonl"
DATA = b'{"time": "2026-11-20T08:00:00Z", "steps": 120}\n'
VALID_FOR = timedelta(minutes=15)

# What only the store's check of a link refuses: its signature, expiry, key and method.
# A harness whose emulator does not check links says why in `unchecked_links` (moto does
# not verify S3's presigned URLs); there these tests must fail, and an emulator that
# starts checking makes them pass, which fails them until the expectation goes.
CHECKED_BY_THE_LINK = {
    "test_an_expired_upload_link_is_refused",
    "test_an_expired_download_link_is_refused",
    "test_a_download_link_does_not_allow_uploads",
    "test_an_upload_link_does_not_allow_downloads",
    "test_a_forged_link_is_refused",
    "test_a_download_link_claiming_to_allow_uploads_is_refused",
    "test_a_link_for_one_key_does_not_reach_another",
    "test_an_upload_without_the_named_headers_is_refused",
}


@pytest.fixture(autouse=True)
def _links_the_emulator_does_not_check(request: pytest.FixtureRequest) -> None:
    if "blobs" not in request.fixturenames or request.node.originalname not in CHECKED_BY_THE_LINK:
        return
    unchecked = getattr(request.getfixturevalue("blobs"), "unchecked_links", None)
    if unchecked:
        failure = (pytest.fail.Exception, AssertionError)
        request.applymarker(pytest.mark.xfail(reason=unchecked, raises=failure, strict=True))


def test_an_object_never_stored_is_none(blobs: BlobHarness) -> None:
    assert blobs.store.read(KEY) is None
    assert blobs.store.exists(KEY) is False


def test_what_is_put_through_an_upload_link_is_stored(blobs: BlobHarness) -> None:
    blobs.put(blobs.store.upload_link(KEY, "application/x-ndjson", VALID_FOR), DATA)
    assert blobs.store.read(KEY) == DATA
    assert blobs.store.exists(KEY) is True
    assert blobs.store.exists("bundles/another.jsonl") is False


def test_an_upload_link_names_the_content_type_the_put_must_carry(blobs: BlobHarness) -> None:
    link = blobs.store.upload_link(KEY, "application/x-ndjson", VALID_FOR)
    assert link.headers["Content-Type"] == "application/x-ndjson"
    blobs.put(link, DATA)
    assert blobs.store.read(KEY) == DATA


def test_an_upload_without_the_named_headers_is_refused(blobs: BlobHarness) -> None:
    link = blobs.store.upload_link(KEY, "application/x-ndjson", VALID_FOR)
    with pytest.raises(LinkRefused):
        blobs.put(attrs.evolve(link, headers={}), DATA)
    assert blobs.store.exists(KEY) is False


def test_a_download_link_answers_with_the_objects_bytes(blobs: BlobHarness) -> None:
    blobs.put(blobs.store.upload_link("photos/pet-1.jpg", "image/jpeg", VALID_FOR), b"\xff\xd8jpeg")
    assert blobs.get(blobs.store.download_link("photos/pet-1.jpg", VALID_FOR)) == b"\xff\xd8jpeg"


def test_putting_again_replaces_the_object(blobs: BlobHarness) -> None:
    link = blobs.store.upload_link(KEY, "application/x-ndjson", VALID_FOR)
    blobs.put(link, b"first")
    blobs.put(link, b"second")
    assert blobs.store.read(KEY) == b"second"


def test_every_stored_object_is_announced(blobs: BlobHarness) -> None:
    blobs.put(blobs.store.upload_link(KEY, "application/x-ndjson", VALID_FOR), DATA)
    blobs.put(blobs.store.upload_link("photos/pet-1.jpg", "image/jpeg", VALID_FOR), b"jpeg")
    assert blobs.created == [KEY, "photos/pet-1.jpg"]


def test_an_expired_upload_link_is_refused(blobs: BlobHarness) -> None:
    link = blobs.store.upload_link(KEY, "application/x-ndjson", VALID_FOR)
    blobs.clock.advance(VALID_FOR + timedelta(seconds=2))
    with pytest.raises(LinkRefused):
        blobs.put(link, DATA)
    assert blobs.store.exists(KEY) is False
    assert blobs.created == []


def test_a_link_works_until_it_expires(blobs: BlobHarness) -> None:
    link = blobs.store.upload_link(KEY, "application/x-ndjson", VALID_FOR)
    blobs.clock.advance(VALID_FOR - timedelta(seconds=1))
    blobs.put(link, DATA)
    assert blobs.store.read(KEY) == DATA


def test_an_expired_download_link_is_refused(blobs: BlobHarness) -> None:
    blobs.put(blobs.store.upload_link(KEY, "application/x-ndjson", VALID_FOR), DATA)
    link = blobs.store.download_link(KEY, VALID_FOR)
    blobs.clock.advance(VALID_FOR + timedelta(seconds=2))
    with pytest.raises(LinkRefused):
        blobs.get(link)


def test_a_download_link_does_not_allow_uploads(blobs: BlobHarness) -> None:
    blobs.put(blobs.store.upload_link(KEY, "application/x-ndjson", VALID_FOR), DATA)
    with pytest.raises(LinkRefused):
        blobs.put(blobs.store.download_link(KEY, VALID_FOR), b"overwritten")
    assert blobs.store.read(KEY) == DATA


def test_an_upload_link_does_not_allow_downloads(blobs: BlobHarness) -> None:
    link = blobs.store.upload_link(KEY, "application/x-ndjson", VALID_FOR)
    blobs.put(link, DATA)
    with pytest.raises(LinkRefused):
        blobs.get(link.url)


def tampered(link: UploadLink | str, **changes: str) -> Any:
    """The link with some query parameters changed, or with another key when `key` is given
    (an upload link keeps its headers: only the URL is forged)."""
    if isinstance(link, UploadLink):
        return attrs.evolve(link, url=tampered(link.url, **changes))
    parts = urlsplit(link)
    query = {name: values[0] for name, values in parse_qs(parts.query).items()}
    path = parts.path.replace(KEY, changes.pop("key")) if "key" in changes else parts.path
    return urlunsplit(parts._replace(path=path, query=urlencode({**query, **changes})))


FORGERIES = {
    "later-expiry": lambda blobs: blobs.later_expiry,
    "made-up-signature": lambda blobs: {"sig": "0" * 64},
    "other-key": lambda blobs: {"key": "bundles/someone-elses.jsonl"},
}


@pytest.mark.parametrize("forgery", FORGERIES)
def test_a_forged_link_is_refused(blobs: BlobHarness, forgery: str) -> None:
    changes = FORGERIES[forgery](blobs)
    forged = tampered(blobs.store.upload_link(KEY, "application/x-ndjson", VALID_FOR), **changes)
    with pytest.raises(LinkRefused):
        blobs.put(forged, DATA)
    assert blobs.created == []


def test_a_download_link_claiming_to_allow_uploads_is_refused(blobs: BlobHarness) -> None:
    blobs.put(blobs.store.upload_link(KEY, "application/x-ndjson", VALID_FOR), DATA)
    with pytest.raises(LinkRefused):
        forged = tampered(blobs.store.download_link(KEY, VALID_FOR), **blobs.upload_right)
        blobs.put(forged, b"overwritten")
    assert blobs.store.read(KEY) == DATA


def test_a_link_for_one_key_does_not_reach_another(blobs: BlobHarness) -> None:
    blobs.put(blobs.store.upload_link("photos/mine.jpg", "image/jpeg", VALID_FOR), b"mine")
    blobs.put(blobs.store.upload_link(KEY, "application/x-ndjson", VALID_FOR), DATA)
    download = blobs.store.download_link(KEY, VALID_FOR).replace(KEY, "photos/mine.jpg")
    with pytest.raises(LinkRefused):
        blobs.get(download)


# Bounded reads: whoever processes an uploaded object reads no more than it accepts.


def test_a_bounded_read_gives_the_objects_first_bytes(blobs: BlobHarness) -> None:
    blobs.put(blobs.store.upload_link(KEY, "application/x-ndjson", VALID_FOR), DATA)
    assert blobs.store.read_at_most(KEY, 1) == DATA[:1]
    assert blobs.store.read_at_most(KEY, 10) == DATA[:10]
    assert blobs.store.read_at_most(KEY, len(DATA)) == DATA
    assert blobs.store.read_at_most(KEY, len(DATA) + 1) == DATA
    assert blobs.store.read_at_most(KEY, 1 << 40) == DATA


def test_a_bounded_read_of_an_object_never_stored_is_none(blobs: BlobHarness) -> None:
    assert blobs.store.read_at_most(KEY, 100) is None


def test_a_bounded_read_of_an_empty_object_is_empty(blobs: BlobHarness) -> None:
    blobs.put(blobs.store.upload_link(KEY, "application/x-ndjson", VALID_FOR), b"")
    assert blobs.store.read_at_most(KEY, 100) == b""


@pytest.mark.parametrize("limit", [0, -1])
def test_a_bounded_read_asks_for_at_least_one_byte(blobs: BlobHarness, limit: int) -> None:
    blobs.put(blobs.store.upload_link(KEY, "application/x-ndjson", VALID_FOR), DATA)
    with pytest.raises(ValueError):
        blobs.store.read_at_most(KEY, limit)


# How much a bounded read moves, seen where it can be: on the wire for S3 (moto serves in
# this process, so its own copy of the object would show in this process's memory) and
# Azure, in this process's memory for files. Each store is built here on its own client so
# that the test can watch that client; the harnesses wrap theirs.

LARGE = 8 * 1024 * 1024
LIMIT = 64 * 1024


def large_object() -> bytes:
    return bytes(range(256)) * (LARGE // 256)


def test_the_file_store_reads_no_more_than_the_limit(files: FileBlobStore) -> None:
    files.write(KEY, large_object())
    tracemalloc.start()
    try:
        data = files.read_at_most(KEY, LIMIT)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert data == large_object()[:LIMIT]
    assert peak < 4 * LIMIT, f"reading {LIMIT} bytes of {LARGE} held {peak} bytes"


@attrs.frozen
class Watched:
    """A cloud store on a client of its own, and what its storage answered to each GET."""

    store: BlobStore
    put: Callable[[bytes, str | None], None]  # the bytes, their declared Content-Encoding
    answered: list[int]  # the Content-Length of each GET's answer (of an object that exists)


def s3_watched() -> Iterator[Watched]:
    client, bucket, answered = aws.client("s3"), aws.provision().bucket, list[int]()

    def record(http_response: Any, **_: Any) -> None:
        if http_response.status_code < 300:
            answered.append(int(http_response.headers["Content-Length"]))

    def put(data: bytes, encoding: str | None) -> None:
        extra = {"ContentEncoding": encoding} if encoding else {}
        client.put_object(Bucket=bucket, Key=KEY, Body=data, **extra)

    client.meta.events.register("after-call.s3.GetObject", record)
    yield Watched(S3BlobStore(client, bucket), put, answered)


def azure_watched() -> Iterator[Watched]:
    answered: list[int] = []

    def record(response: Any) -> None:
        answer = response.http_response
        if response.http_request.method == "GET" and answer.status_code < 300:
            answered.append(int(answer.headers["Content-Length"]))

    def put(data: bytes, encoding: str | None) -> None:
        container.upload_blob(
            KEY, data, content_settings=ContentSettings(content_encoding=encoding)
        )

    container = ContainerClient.from_connection_string(
        azure.azurite().connection_string, azure.unique_name("bounded"), raw_response_hook=record
    )
    container.create_container()
    sign = signed_with_account_key(container, azure.ACCOUNT_KEY)
    yield Watched(BlobStorageBlobStore(container, sign, SettableClock()), put, answered)
    container.delete_container()


@pytest.fixture(params=["aws", "azure"])
def watched(request: pytest.FixtureRequest) -> Iterator[Watched]:
    yield from {"aws": s3_watched, "azure": azure_watched}[request.param]()


def test_a_cloud_store_sends_no_more_than_the_limit(watched: Watched) -> None:
    watched.put(large_object(), None)
    assert watched.store.read_at_most(KEY, LIMIT) == large_object()[:LIMIT]
    assert watched.answered == [LIMIT]


def test_a_cloud_store_reads_an_empty_or_a_missing_object(watched: Watched) -> None:
    """What the harnesses' wrapped stores show too, here on the store's own client (S3's
    harness wraps its store, so the contract tests above may not reach its ranged read)."""
    assert watched.store.read_at_most(KEY, LIMIT) is None
    watched.put(b"", None)
    assert watched.store.read_at_most(KEY, LIMIT) == b""
    with pytest.raises(ValueError):
        watched.store.read_at_most(KEY, 0)


def test_a_cloud_store_reads_a_gzip_encoded_object_as_stored(watched: Watched) -> None:
    """Storage marks the object gzip; an SDK that undid it would turn a small range of a
    decompression bomb into any size. Both reads give back the stored bytes."""
    stored = gzip.compress(large_object())
    watched.put(stored, "gzip")
    assert watched.store.read_at_most(KEY, len(stored) + 1) == stored
    assert watched.store.read(KEY) == stored


# The file store's own guarantees, beyond the port: keys stay under the root, and
# the link check the local HTTP server relies on never raises on a caller's input.


@pytest.fixture
def files(tmp_path: Path) -> FileBlobStore:
    return FileBlobStore(tmp_path / "blobs", "http://127.0.0.1:8000/", b"secret", SettableClock())


@pytest.mark.parametrize(
    "key",
    [
        "../outside",
        "bundles/../../x",
        "/etc/passwd",
        "a b",
        "a\\b",
        "",
        "x/./y",
        "a//b",
        "é",
        "x\n",
    ],
)
def test_the_file_store_refuses_keys_that_could_leave_its_root(
    files: FileBlobStore, key: str
) -> None:
    with pytest.raises(ValueError):
        files.upload_link(key, "text/plain", VALID_FOR)
    with pytest.raises(ValueError):
        files.write(key, b"data")
    assert files.verify_link(key, "put", "4102444800", "0" * 64) is False


@pytest.mark.parametrize(
    ("expires", "signature"),
    [("", ""), ("soon", "x"), ("١٢٣", "0"), ("99", "ünïcode"), ("9" * 5000, "0")],
)
def test_the_file_store_refuses_malformed_links_without_raising(
    files: FileBlobStore, expires: str, signature: str
) -> None:
    assert files.verify_link(KEY, "put", expires, signature) is False


def test_the_file_stores_links_are_signed_for_its_base_url(files: FileBlobStore) -> None:
    link = urlsplit(files.upload_link(KEY, "application/x-ndjson", VALID_FOR).url)
    query = {name: values[0] for name, values in parse_qs(link.query).items()}
    assert (link.scheme, link.netloc, link.path) == ("http", "127.0.0.1:8000", f"/blobs/{KEY}")
    signed = (query["expires"], query["sig"])
    assert files.verify_link(KEY, "put", *signed, "application/x-ndjson") is True
    assert files.verify_link(KEY, "put", *signed, "text/html") is False
    assert files.verify_link(KEY, "put", *signed) is False
    assert files.verify_link(KEY, "delete", *signed, "application/x-ndjson") is False


def test_the_file_store_writes_whole_files_and_leaves_no_temporary_ones(
    files: FileBlobStore, tmp_path: Path
) -> None:
    files.write(KEY, DATA)
    files.write(KEY, b"replaced")
    assert [p.name for p in (tmp_path / "blobs").rglob("*") if p.is_file()] == ["0123abcd.jsonl"]
    assert files.read(KEY) == b"replaced"


def test_an_object_is_written_from_chunks_whatever_their_number(blobs: BlobHarness) -> None:
    chunks = [bytes([n]) * 70_000 for n in range(120)]  # 8.4 MB: more than one part
    blobs.store.write_stream("exports/owner/one.jsonl.gz", iter(chunks), "application/gzip")
    assert blobs.store.read("exports/owner/one.jsonl.gz") == b"".join(chunks)
    blobs.store.write_stream("exports/owner/one.jsonl.gz", iter([b"again"]), "application/gzip")
    assert blobs.store.read("exports/owner/one.jsonl.gz") == b"again"
    blobs.store.write_stream("exports/owner/empty", iter([]), "application/json")
    assert blobs.store.read("exports/owner/empty") == b""
    link = blobs.store.download_link("exports/owner/one.jsonl.gz", timedelta(hours=24))
    assert blobs.get(link) == b"again"


def test_every_object_under_a_folder_is_deleted_and_the_others_stay(blobs: BlobHarness) -> None:
    under = [f"exports/owner-1/{n}.jsonl.gz" for n in range(3)]
    others = ["exports/owner-10/0.jsonl.gz", "exports/owner-2/0.jsonl.gz", "photos/p.jpg"]
    for key in (*under, *others):
        blobs.store.write_stream(key, iter([b"x"]), "application/octet-stream")
    assert blobs.store.delete_under("exports/owner-1/") == 3
    assert blobs.store.delete_under("exports/owner-1/") == 0  # again: nothing happens
    assert [key for key in (*under, *others) if blobs.store.exists(key)] == others
