"""The links FileBlobStore hands out, honoured by the local server as S3 or Blob Storage would.

A link is `{base_url}/blobs/{key}?op=..&expires=..&sig=..`; the operation checked is the one
asked for (the HTTP method), never what the link claims, and an upload's Content-Type must be
the one the link was signed for (S3 refuses another with 403 SignatureDoesNotMatch; so does the
local server).
"""

from __future__ import annotations

from collections.abc import Mapping

from adapters.local.file_blob_store import FileBlobStore
from application.ports.blobs import BlobLinks
from domain.errors import AccessDenied

REFUSED = "the link is not valid for this object, operation or time"


class FileBlobLinks(BlobLinks):
    def __init__(self, store: FileBlobStore) -> None:
        self._store = store

    def put(self, key: str, link: Mapping[str, str], data: bytes, content_type: str) -> None:
        self._verify(key, "put", link, content_type)
        self._store.write(key, data)

    def get(self, key: str, link: Mapping[str, str]) -> bytes | None:
        self._verify(key, "get", link)
        return self._store.read(key)

    def _verify(
        self, key: str, operation: str, link: Mapping[str, str], content_type: str = ""
    ) -> None:
        expires, signature = link.get("expires", ""), link.get("sig", "")
        if not self._store.verify_link(key, operation, expires, signature, content_type):
            raise AccessDenied(REFUSED)
