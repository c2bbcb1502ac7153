"""Contract-test harness: a blob store's effect is what an HTTP PUT or GET through one of its links does."""

from __future__ import annotations

import abc
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from adapters.local.file_blob_store import FileBlobStore
from adapters.local.memory_blob_store import InMemoryBlobStore
from adapters.local.settable_clock import SettableClock
from application.ports.blobs import BlobStore, UploadLink


class LinkRefused(Exception):
    """The store refused the request made through a link."""


class BlobHarness(abc.ABC):
    """A store plus what a caller holding one of its links can do with it."""

    store: BlobStore
    clock: SettableClock
    created: list[str]
    #: How a forger would change a link of this store: a later expiry, or the right to upload.
    later_expiry: dict[str, str] = {"expires": "4102444800"}  # noqa: RUF012 (read only)
    upload_right: dict[str, str] = {"op": "put"}  # noqa: RUF012 (read only)

    @abc.abstractmethod
    def put(self, link: UploadLink | str, data: bytes) -> None:
        """HTTP PUT through the link, with the headers an upload link names (none with a bare
        URL); LinkRefused when the store refuses."""

    @abc.abstractmethod
    def get(self, link: str) -> bytes:
        """HTTP GET through the link; LinkRefused when the store refuses."""


class MemoryBlobHarness(BlobHarness):
    def __init__(self, clock: SettableClock) -> None:
        self.clock, self.created = clock, []
        self.store = self._memory = InMemoryBlobStore(clock, self.created.append)

    def put(self, link: UploadLink | str, data: bytes) -> None:
        try:
            self._memory.put(link, data)
        except PermissionError as error:
            raise LinkRefused(str(error)) from error

    def get(self, link: str) -> bytes:
        try:
            return self._memory.get(link)
        except PermissionError as error:
            raise LinkRefused(str(error)) from error
        except KeyError as error:
            raise LinkRefused("no such object") from error


class FileBlobHarness(BlobHarness):
    """Does what the local HTTP server does with `/blobs/...` requests."""

    base_url = "http://127.0.0.1:8000"

    def __init__(self, root: Path, clock: SettableClock) -> None:
        self.clock, self.created = clock, []
        self.store = self.files = FileBlobStore(
            root, self.base_url, b"contract-test-secret", clock, self.created.append
        )

    def put(self, link: UploadLink | str, data: bytes) -> None:
        url, headers = (link.url, link.headers) if isinstance(link, UploadLink) else (link, {})
        self.files.write(self._honoured(url, "put", headers.get("Content-Type", "")), data)

    def get(self, link: str) -> bytes:
        data = self.files.read(self._honoured(link, "get"))
        if data is None:
            raise LinkRefused("no such object")
        return data

    def _honoured(self, link: str, operation: str, content_type: str = "") -> str:
        """The key, when the link allows the operation of the HTTP method (and the upload's
        Content-Type)."""
        parts = urlsplit(link)
        query = {name: values[0] for name, values in parse_qs(parts.query).items()}
        if f"{parts.scheme}://{parts.netloc}" != self.base_url:
            raise LinkRefused("not a link to this store")
        key = parts.path.removeprefix("/blobs/")
        expires, signature = query.get("expires", ""), query.get("sig", "")
        if not self.files.verify_link(key, operation, expires, signature, content_type):
            raise LinkRefused(f"the link does not allow {operation}")
        return key


# Identity: a verifier's effect is which tokens it accepts, so its suite needs tokens
# made the way its provider makes them, and the material to forge the rest.
