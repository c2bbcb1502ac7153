"""Objects of the file store deleted by age (their files' modification time), as a lifecycle
rule deletes them in S3 or Blob Storage."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from application.ports.blobs import BlobExpiry


class FileBlobExpiry(BlobExpiry):
    def __init__(self, root: str | Path) -> None:
        self._root = Path(root)

    def expire(self, prefix: str, written_before: datetime) -> int:
        folder = self._root / prefix
        if not folder.is_dir():
            return 0
        deadline, gone = written_before.timestamp(), 0
        for path in folder.rglob("*"):
            if path.is_file() and path.stat().st_mtime < deadline:
                path.unlink(missing_ok=True)
                gone += 1
        return gone
