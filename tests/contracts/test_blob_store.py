"""BlobStore: objects reached through short-lived links that allow one operation each.

What a caller does with a link goes through the harness (see harnesses.py):
the memory store's `put`/`get`, or the file store's `verify_link` + `write`/`read`
as the local HTTP server calls them.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest

from adapters.local.clocks import SettableClock
from adapters.local.file_blobs import FileBlobStore

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
        blobs.get(link)


def tampered(link: str, **changes: str) -> str:
    """The link with some query parameters changed, or with another key when `key` is given."""
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
    link = urlsplit(files.upload_link(KEY, "application/x-ndjson", VALID_FOR))
    query = {name: values[0] for name, values in parse_qs(link.query).items()}
    assert (link.scheme, link.netloc, link.path) == ("http", "127.0.0.1:8000", f"/blobs/{KEY}")
    assert files.verify_link(KEY, "put", query["expires"], query["sig"]) is True
    assert files.verify_link(KEY, "delete", query["expires"], query["sig"]) is False


def test_the_file_store_writes_whole_files_and_leaves_no_temporary_ones(
    files: FileBlobStore, tmp_path: Path
) -> None:
    files.write(KEY, DATA)
    files.write(KEY, b"replaced")
    assert [p.name for p in (tmp_path / "blobs").rglob("*") if p.is_file()] == ["0123abcd.jsonl"]
    assert files.read(KEY) == b"replaced"
