"""Links that grant one operation on one object until they expire: HMAC-SHA256 signed.

A link's query is `op=put|get&expires=<unix seconds>&sig=<hex>`, the signature
over "op\\nkey\\nexpires\\ncontent type" with the store's secret (the content type an upload
must be sent as, as S3 signs it; empty for downloads). Whoever serves a link checks it with
the operation it is asked to do and the Content-Type it was sent, never what the link claims.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from pathlib import Path

from application.ports.clock import Clock

OPERATIONS = ("put", "get")
MAX_EXPIRES_DIGITS = 12  # unix seconds until the year 33658; longer is not ours


class LinkSigner:
    def __init__(self, secret: bytes, clock: Clock) -> None:
        self._secret, self._clock = secret, clock

    def query(self, operation: str, key: str, valid_for: timedelta, content_type: str = "") -> str:
        expires = str(int((self._clock.now() + valid_for).timestamp()))
        signature = self._signature(operation, key, expires, content_type)
        return f"op={operation}&expires={expires}&sig={signature}"

    def verify(
        self, key: str, operation: str, expires: str, signature: str, content_type: str = ""
    ) -> bool:
        """Signed by this secret for this key, operation and content type, and not expired;
        never raises."""
        if operation not in OPERATIONS or not signature.isascii():
            return False
        if not (expires.isascii() and expires.isdigit() and len(expires) <= MAX_EXPIRES_DIGITS):
            return False
        if int(expires) < self._clock.now().timestamp():
            return False
        expected = self._signature(operation, key, expires, content_type)
        return hmac.compare_digest(expected, signature)

    def _signature(self, operation: str, key: str, expires: str, content_type: str) -> str:
        message = f"{operation}\n{key}\n{expires}\n{content_type}".encode("utf-8", "replace")
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()


def stored_secret(given: bytes | None, data_dir: Path) -> bytes:
    """The link-signing secret: `given` (PAWTRACK_LINK_SECRET), else one made once per data
    directory in a 0600 file, never in the repository."""
    if given:
        return given
    path = data_dir / "link-secret"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_bytes(secrets.token_bytes(32))
    return path.read_bytes()
