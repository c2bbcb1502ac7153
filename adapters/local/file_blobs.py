"""Object storage as files under a root directory, reached through HMAC-signed links.

A link is `{base_url}/blobs/{key}?op=put|get&expires=<unix seconds>&sig=<hex>`,
the signature an HMAC-SHA256 with the store's secret over "op\\nkey\\nexpires".
The local HTTP server serves `/blobs/...`: it asks `verify_link` with the
operation of the HTTP method it received (never the `op` the link claims),
then calls `write` or `read`.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from application.ports.blobs import BlobStore
from application.ports.clock import Clock

OPERATIONS = ("put", "get")
MAX_EXPIRES_DIGITS = 12  # unix seconds until the year 33658; longer is not ours
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
        self._secret, self._clock, self._on_created = secret, clock, on_created

    def upload_link(self, key: str, content_type: str, valid_for: timedelta) -> str:
        return self._link("put", key, valid_for)

    def download_link(self, key: str, valid_for: timedelta) -> str:
        return self._link("get", key, valid_for)

    def read(self, key: str) -> bytes | None:
        try:
            return self._path(key).read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return None

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def verify_link(self, key: str, operation: str, expires: str, signature: str) -> bool:
        """Whether the link was signed by this store for this key and operation and is unexpired."""
        if operation not in OPERATIONS or not is_valid_key(key) or not signature.isascii():
            return False
        if not (expires.isascii() and expires.isdigit() and len(expires) <= MAX_EXPIRES_DIGITS):
            return False
        if int(expires) < self._clock.now().timestamp():
            return False
        return hmac.compare_digest(self._signature(operation, key, expires), signature)

    def write(self, key: str, data: bytes) -> None:
        """Store the object atomically (readers see the old bytes or the new), then announce it."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        if self._on_created is not None:
            self._on_created(key)

    def _link(self, operation: str, key: str, valid_for: timedelta) -> str:
        checked_key(key)
        expires = str(int((self._clock.now() + valid_for).timestamp()))
        signature = self._signature(operation, key, expires)
        query = f"op={operation}&expires={expires}&sig={signature}"
        return f"{self._base_url}/blobs/{key}?{query}"

    def _signature(self, operation: str, key: str, expires: str) -> str:
        message = f"{operation}\n{key}\n{expires}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()

    def _path(self, key: str) -> Path:
        return self._root / checked_key(key)
