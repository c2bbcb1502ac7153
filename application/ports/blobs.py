from __future__ import annotations

import abc
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

import attrs


@attrs.frozen
class UploadLink:
    """Where to PUT an object, and the headers the PUT must carry: the store refuses a PUT
    without them or with other values (S3 signs the Content-Type; Blob Storage needs the blob
    type; the local server checks what S3 checks)."""

    url: str
    headers: Mapping[str, str]


class BlobStore(abc.ABC):
    """Object storage that callers reach directly through short-lived links."""

    @abc.abstractmethod
    def upload_link(self, key: str, content_type: str, valid_for: timedelta) -> UploadLink:
        """A URL that accepts an HTTP PUT of the object's bytes of `content_type` until it
        expires, with the headers such a PUT must carry (`Content-Type` among them)."""

    @abc.abstractmethod
    def download_link(self, key: str, valid_for: timedelta) -> str:
        """A URL that answers HTTP GET with the object's bytes until it expires."""

    @abc.abstractmethod
    def read(self, key: str) -> bytes | None:
        """The object's bytes, or None when there is no such object."""

    @abc.abstractmethod
    def read_at_most(self, key: str, limit: int) -> bytes | None:
        """The object's first `limit` bytes (all of them when it is shorter), as stored, or
        None when there is no such object. Raises ValueError when `limit` is not positive.

        A caller that uploads through a link decides how large the object is: whoever must
        not hold an unbounded object reads it with this, asking for one byte more than it
        accepts to learn that the object is larger. The stored bytes come back as they were
        written, even when the uploader declared a Content-Encoding.
        """

    @abc.abstractmethod
    def write_stream(self, key: str, chunks: Iterable[bytes], content_type: str) -> None:
        """Store the object made of `chunks`, replacing any under the key, holding a bounded
        part of it at a time however long it is (S3: a multipart upload; Blob Storage: blocks;
        files: written as they come). Readers see the old object or the whole new one."""

    @abc.abstractmethod
    def exists(self, key: str) -> bool:
        """Whether an object is stored under the key."""

    @abc.abstractmethod
    def delete(self, key: str) -> None:
        """Delete the object for good. No such object: nothing happens."""

    @abc.abstractmethod
    def delete_under(self, prefix: str) -> int:
        """Delete for good every object whose key starts with `prefix` (a folder, ending in
        `/`); how many went. None: nothing happens."""

    @abc.abstractmethod
    def is_store(self, name: str) -> bool:
        """Whether `name`, as the storage service's notifications name a store, is this one:
        its bucket (S3), `<account>/<container>` (Blob Storage), its root (files)."""


def checked_limit(limit: int) -> int:
    """The limit of a bounded read; ValueError unless it asks for at least one byte."""
    if limit < 1:
        raise ValueError(f"a bounded read asks for at least one byte, not {limit}")
    return limit


class BlobExpiry(abc.ABC):
    """What S3's lifecycle rules and Blob Storage's management policies do in the clouds, done
    where neither is (a laptop): the clouds' providers have none."""

    @abc.abstractmethod
    def expire(self, prefix: str, written_before: datetime) -> int:
        """Delete the objects under `prefix` last written before `written_before`; how many."""


class BlobLinks(abc.ABC):
    """The links a BlobStore handed out, honoured where no storage service does it (the local
    server). S3 and Blob Storage check their own links: the clouds' providers have none."""

    @abc.abstractmethod
    def put(self, key: str, link: Mapping[str, str], data: bytes, content_type: str) -> None:
        """Store `data` under `key` through an upload link (its query parameters), sent as
        `content_type`. Raises AccessDenied when the link is unsigned, tampered with, expired,
        not for uploads, or signed for another content type."""

    @abc.abstractmethod
    def get(self, key: str, link: Mapping[str, str]) -> bytes | None:
        """The object under `key` through a download link, or None when there is none. Raises
        AccessDenied as `put` does."""
