"""Serving signed blob links locally, whichever store the container picked.

The file store signs `{base_url}/blobs/{key}?op=..&expires=..&sig=..`; the
in-memory store signs `memory://blobs/{key}?...` links, which this server honours
at `/blobs/{key}` with the same query. The operation always comes from the HTTP
method, never from what the link claims.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from urllib.parse import urlencode

from adapters.local.file_blob_store import FileBlobStore
from adapters.local.memory_blob_store import InMemoryBlobStore
from application.ports.blobs import BlobStore
from entrypoints.http.problems import HttpProblem


class LinkRefused(HttpProblem):
    """The link is unsigned, tampered with, expired, or for another operation: 403."""

    def __init__(self, detail: str) -> None:
        super().__init__(403, detail)


class SignedBlobs:
    """Store and fetch objects through the links a BlobStore handed out."""

    def __init__(self, store: BlobStore) -> None:
        if not isinstance(store, FileBlobStore | InMemoryBlobStore):
            raise TypeError(f"{type(store).__name__} links are not served by the local server")
        self._store = store

    def put(self, key: str, query: Mapping[str, str], data: bytes) -> None:
        if isinstance(self._store, InMemoryBlobStore):
            with _refusal():
                self._store.put(self._memory_link(key, "put", query), data)
            return
        self._verify(key, "put", query)
        self._store.write(key, data)

    def get(self, key: str, query: Mapping[str, str]) -> bytes | None:
        if isinstance(self._store, InMemoryBlobStore):
            with _refusal(), contextlib.suppress(KeyError):
                return self._store.get(self._memory_link(key, "get", query))
            return None
        self._verify(key, "get", query)
        return self._store.read(key)

    def _verify(self, key: str, operation: str, query: Mapping[str, str]) -> None:
        assert isinstance(self._store, FileBlobStore)
        expires, signature = query.get("expires", ""), query.get("sig", "")
        if not self._store.verify_link(key, operation, expires, signature):
            raise LinkRefused("the link is not valid for this object, operation or time")

    @staticmethod
    def _memory_link(key: str, operation: str, query: Mapping[str, str]) -> str:
        """The in-memory store checks its links itself, given as it handed them out."""
        signed = {"op": operation, "expires": query.get("expires", ""), "sig": query.get("sig", "")}
        return f"memory://blobs/{key}?{urlencode(signed)}"


@contextlib.contextmanager
def _refusal() -> Iterator[None]:
    """The in-memory store refuses a link with PermissionError."""
    try:
        yield
    except PermissionError as error:
        raise LinkRefused(str(error)) from error
