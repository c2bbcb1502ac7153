from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from application.ports.blobs import BlobStore
from application.ports.clock import Clock

OnCreated = Callable[[str], None]


class InMemoryBlobStore(BlobStore):
    """Links are `memory://` URLs that `put`/`get` honour until they expire, as a real store would."""

    def __init__(self, clock: Clock, on_created: OnCreated | None = None) -> None:
        self._clock = clock
        self._objects: dict[str, bytes] = {}
        self._on_created = on_created

    def upload_link(self, key: str, content_type: str, valid_for: timedelta) -> str:
        return self._link("put", key, valid_for)

    def download_link(self, key: str, valid_for: timedelta) -> str:
        return self._link("get", key, valid_for)

    def read(self, key: str) -> bytes | None:
        return self._objects.get(key)

    def exists(self, key: str) -> bool:
        return key in self._objects

    def put(self, link: str, data: bytes) -> None:
        """What an HTTP PUT to an upload link does; then the store announces the new object."""
        key = self._honoured(link, "put")
        self._objects[key] = data
        if self._on_created is not None:
            self._on_created(key)

    def get(self, link: str) -> bytes:
        return self._objects[self._honoured(link, "get")]

    def _link(self, operation: str, key: str, valid_for: timedelta) -> str:
        expires = int((self._clock.now() + valid_for).timestamp())
        return f"memory://blobs/{key}?op={operation}&expires={expires}"

    def _honoured(self, link: str, operation: str) -> str:
        parts = urlsplit(link)
        query = parse_qs(parts.query)
        if query.get("op") != [operation]:
            raise PermissionError(f"this link does not allow {operation}")
        if int(query["expires"][0]) < self._clock.now().timestamp():
            raise PermissionError("the link has expired")
        return parts.path.lstrip("/")
