"""Object storage as files under a root directory, reached through signed links.

A link is `{base_url}/blobs/{key}?<signed query>` (see signed_links). The local
HTTP server serves `/blobs/...`: it asks `verify_link` with the operation of the
HTTP method it received, then calls `write` or `read`.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterable
from datetime import timedelta
from pathlib import Path

from adapters.local.signed_links import LinkSigner
from application.ports.blobs import BlobStore, UploadLink, checked_limit
from application.ports.clock import Clock

_KEY = re.compile(r"[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*")


def is_valid_key(key: str) -> bool:
    """A relative path of safe characters that cannot climb out of the root or name it."""
    return bool(_KEY.fullmatch(key)) and ".." not in key and "." not in key.split("/")


def checked_key(key: str) -> str:
    if not is_valid_key(key):
        raise ValueError(f"not a valid object key: {key!r}")
    return key


class FileBlobStore(BlobStore):
    def __init__(
        self,
        root: str | Path,
        base_url: str,
        secret: bytes,
        clock: Clock,
        on_created: Callable[[str], None] | None = None,
    ) -> None:
        self._root = Path(root)
        self._base_url = base_url.rstrip("/")
        self._signer, self._on_created = LinkSigner(secret, clock), on_created

    def upload_link(self, key: str, content_type: str, valid_for: timedelta) -> UploadLink:
        url = self._link("put", key, valid_for, content_type)
        return UploadLink(url, {"Content-Type": content_type})

    def download_link(self, key: str, valid_for: timedelta) -> str:
        return self._link("get", key, valid_for)

    def read(self, key: str) -> bytes | None:
        try:
            return self._path(key).read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return None

    def read_at_most(self, key: str, limit: int) -> bytes | None:
        limit = checked_limit(limit)
        try:
            with self._path(key).open("rb") as file:
                # read(n) makes room for n bytes first: ask for no more than the file holds.
                return file.read(min(limit, os.fstat(file.fileno()).st_size))
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return None

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def delete_under(self, prefix: str) -> int:
        folder = self._root / checked_key(prefix.rstrip("/"))
        if not folder.is_dir():
            return 0
        files = [path for path in folder.rglob("*") if path.is_file()]
        for path in files:
            path.unlink(missing_ok=True)
        return len(files)

    def is_store(self, name: str) -> bool:
        return name == self._root.as_posix()

    def verify_link(
        self, key: str, operation: str, expires: str, signature: str, content_type: str = ""
    ) -> bool:
        """Whether the link was signed by this store for this key, operation and content type
        (an upload's; none for a download) and is unexpired."""
        signer = self._signer
        return is_valid_key(key) and signer.verify(key, operation, expires, signature, content_type)

    def write(self, key: str, data: bytes) -> None:
        """Store the object atomically (readers see the old bytes or the new), then announce it."""
        self._replace(key, [data])
        if self._on_created is not None:
            self._on_created(key)

    def write_stream(self, key: str, chunks: Iterable[bytes], content_type: str) -> None:
        self._replace(key, chunks)

    def _replace(self, key: str, chunks: Iterable[bytes]) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(handle, "wb") as file:
                for chunk in chunks:
                    file.write(chunk)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def _link(self, operation: str, key: str, valid_for: timedelta, content_type: str = "") -> str:
        query = self._signer.query(operation, key, valid_for, content_type)
        return f"{self._base_url}/blobs/{checked_key(key)}?{query}"

    def _path(self, key: str) -> Path:
        return self._root / checked_key(key)
