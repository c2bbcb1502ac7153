"""The links InMemoryBlobStore hands out (`memory://blobs/{key}?...`), honoured at the local
server's `/blobs/{key}` with the same query, as the file store's are."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from urllib.parse import urlencode

from adapters.local.memory_blob_store import InMemoryBlobStore
from application.ports.blobs import BlobLinks
from domain.errors import AccessDenied


class InMemoryBlobLinks(BlobLinks):
    def __init__(self, store: InMemoryBlobStore) -> None:
        self._store = store

    def put(self, key: str, link: Mapping[str, str], data: bytes, content_type: str) -> None:
        with _refusal():
            url = _as_handed_out(key, "put", link)
            self._store.put(url, data, {"Content-Type": content_type})

    def get(self, key: str, link: Mapping[str, str]) -> bytes | None:
        with _refusal(), contextlib.suppress(KeyError):
            return self._store.get(_as_handed_out(key, "get", link))
        return None


def _as_handed_out(key: str, operation: str, link: Mapping[str, str]) -> str:
    """The store checks its links itself, given as it handed them out."""
    signed = {"op": operation, "expires": link.get("expires", ""), "sig": link.get("sig", "")}
    return f"memory://blobs/{key}?{urlencode(signed)}"


@contextlib.contextmanager
def _refusal() -> Iterator[None]:
    """The in-memory store refuses a link with PermissionError."""
    try:
        yield
    except PermissionError as error:
        raise AccessDenied(str(error)) from error
