from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit

from adapters.local.signed_links import LinkSigner
from application.ports.blobs import BlobStore, UploadLink, checked_limit
from application.ports.clock import Clock

OnCreated = Callable[[str], None]
STORE_NAME = "memory"


class InMemoryBlobStore(BlobStore):
    """Links are signed `memory://blobs/<key>?…` URLs that `put` and `get` honour as a real store would."""

    def __init__(
        self, clock: Clock, on_created: OnCreated | None = None, name: str = STORE_NAME
    ) -> None:
        self._name = name
        self._signer = LinkSigner(secrets.token_bytes(32), clock)
        self._objects: dict[str, bytes] = {}
        self.written: dict[str, datetime] = {}  # when each object was last written
        self._on_created = on_created
        self._clock = clock

    def upload_link(self, key: str, content_type: str, valid_for: timedelta) -> UploadLink:
        query = self._signer.query("put", key, valid_for, content_type)
        return UploadLink(f"memory://blobs/{key}?{query}", {"Content-Type": content_type})

    def download_link(self, key: str, valid_for: timedelta) -> str:
        return f"memory://blobs/{key}?{self._signer.query('get', key, valid_for)}"

    def read(self, key: str) -> bytes | None:
        return self._objects.get(key)

    def read_at_most(self, key: str, limit: int) -> bytes | None:
        limit = checked_limit(limit)
        data = self._objects.get(key)
        return None if data is None else data[:limit]

    def write_stream(self, key: str, chunks: Iterable[bytes], content_type: str) -> None:
        self._objects[key] = b"".join(chunks)
        self.written[key] = self._clock.now()

    def exists(self, key: str) -> bool:
        return key in self._objects

    def is_store(self, name: str) -> bool:
        return name == self._name

    def delete_under(self, prefix: str) -> int:
        keys = [key for key in self._objects if key.startswith(prefix)]
        for key in keys:
            self.delete(key)
        return len(keys)

    def delete(self, key: str) -> None:
        self._objects.pop(key, None)
        self.written.pop(key, None)

    def put(
        self, link: UploadLink | str, data: bytes, headers: Mapping[str, str] | None = None
    ) -> None:
        """What an HTTP PUT to an upload link does, with `headers` (by default the ones the
        link names); then the store announces the new object."""
        if isinstance(link, UploadLink):
            headers = link.headers if headers is None else headers
            link = link.url
        sent = {name.lower(): value for name, value in (headers or {}).items()}
        key = self._honoured(link, "put", sent.get("content-type", ""))
        self._objects[key] = data
        self.written[key] = self._clock.now()
        if self._on_created is not None:
            self._on_created(key)

    def get(self, link: str) -> bytes:
        """What an HTTP GET of a download link answers. Raises KeyError when there is no object."""
        return self._objects[self._honoured(link, "get")]

    def _honoured(self, link: str, operation: str, content_type: str = "") -> str:
        parts = urlsplit(link)
        query = {name: values[0] for name, values in parse_qs(parts.query).items()}
        key = parts.path.lstrip("/")
        expires, signature = query.get("expires", ""), query.get("sig", "")
        if not self._signer.verify(key, operation, expires, signature, content_type):
            raise PermissionError(f"this link does not allow {operation} of {key!r}")
        return key
