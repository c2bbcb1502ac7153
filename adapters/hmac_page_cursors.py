"""Page cursors sealed with HMAC-SHA256 (the standard library's hmac: a token is the text and
its MAC, both base64url; nothing else is needed, so no library). The key: made by the process
(memory), kept in the data directory (a laptop), a Key Vault secret (Azure)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac

from application.ports.pages import PageCursors


def _encoded(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _decoded(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def joined(text: str, mac: bytes) -> str:
    return f"{_encoded(text.encode())}.{_encoded(mac)}"


def split(token: str) -> tuple[bytes, bytes] | None:
    """The text and the MAC of a token, or None when it is not shaped as one."""
    body, dot, mac = token.partition(".")
    if not dot or len(token) > 4096:
        return None
    try:
        return _decoded(body), _decoded(mac)
    except (binascii.Error, ValueError):
        return None


def derived_key(secret: bytes, purpose: str) -> bytes:
    """A key of its own for one purpose, from a secret kept for another (HMAC as a KDF)."""
    return hmac.new(secret, purpose.encode(), hashlib.sha256).digest()


class HmacPageCursors(PageCursors):
    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("a cursor key holds at least 16 bytes")
        self._key = key

    def seal(self, text: str) -> str:
        return joined(text, self._mac(text.encode()))

    def open(self, token: str) -> str | None:
        parts = split(token)
        if parts is None or not hmac.compare_digest(self._mac(parts[0]), parts[1]):
            return None
        try:
            return parts[0].decode()
        except UnicodeDecodeError:
            return None

    def _mac(self, data: bytes) -> bytes:
        return hmac.new(self._key, data, hashlib.sha256).digest()
