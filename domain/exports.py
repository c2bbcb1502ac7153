"""An owner's export: one gzip JSON Lines file of everything Pawtrack holds about them, kept 7
days under a key only the owner's requests lead to."""

from __future__ import annotations

import hashlib
import re
import uuid
import zlib
from collections.abc import Iterable, Iterator
from datetime import timedelta

from domain.errors import NotFound

EXPORTS = "exports/"
LINK_LIFETIME = timedelta(hours=24)
KEPT_FOR = timedelta(days=7)
CONTENT_TYPE = "application/gzip"
READY_TEXT = "Your Pawtrack export is ready"
_ID = re.compile(r"[0-9a-f]{32}")
_GZIP = 16 + zlib.MAX_WBITS  # a gzip header and trailer around the deflate stream
FLUSH_AT = 64 * 1024  # text gathered before it is compressed and handed on


def new_export_id() -> str:
    return uuid.uuid4().hex


def checked_export_id(text: str) -> str:
    """An export id as `new_export_id` makes them; anything else is no export (NotFound)."""
    if not _ID.fullmatch(text):
        raise NotFound("there is no such export")
    return text


def owner_folder(owner_id: str) -> str:
    """The owner's folder: the SHA-256 of their id, so keys carry no id and no odd character."""
    return EXPORTS + hashlib.sha256(owner_id.encode()).hexdigest()


def export_key(owner_id: str, export_id: str) -> str:
    return f"{owner_folder(owner_id)}/{export_id}.jsonl.gz"


def request_key(owner_id: str, export_id: str) -> str:
    """What marks an export asked for and not written yet."""
    return f"{owner_folder(owner_id)}/{export_id}.requested"


def ready_key(export_id: str) -> str:
    """The announcement log's key of the push that says the export is ready: sent once."""
    return f"export:{export_id}"


def gzipped(lines: Iterable[str]) -> Iterator[bytes]:
    """The lines, one per line, compressed as one gzip member, 64 KiB of text at a time: memory
    stays flat however many lines come."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, _GZIP)
    pending: list[str] = []
    size = 0
    for line in lines:
        pending.append(line)
        size += len(line) + 1
        if size >= FLUSH_AT:
            yield compressor.compress(("\n".join(pending) + "\n").encode())
            pending, size = [], 0
    if pending:
        yield compressor.compress(("\n".join(pending) + "\n").encode())
    yield compressor.flush()
