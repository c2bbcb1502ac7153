"""API keys for machine callers (the CMS, the tracker platform).

A key is shown once; the store keeps only a public prefix to find it and a
SHA-256 of the whole key (keys carry 256 random bits, so no slow hash is needed).
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import secrets

import attrs

from domain.errors import Conflict
from domain.values import choice

PREFIX_BYTES = 6
SECRET_BYTES = 32


class Purpose(enum.Enum):
    CONTENT = "content"
    INGEST = "ingest"

    @classmethod
    def parse(cls, value: object) -> Purpose:
        return choice(cls, value, "purpose")


@attrs.frozen
class ApiKey:
    prefix: str
    digest: str
    purpose: Purpose
    name: str
    revoked: bool = False

    @classmethod
    def issue(cls, purpose: Purpose, name: str) -> tuple[str, ApiKey]:
        """A new key: (the plaintext, shown once; the record to store)."""
        prefix = secrets.token_hex(PREFIX_BYTES)
        plaintext = f"pk_{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"
        return plaintext, cls(prefix, _digest(plaintext), purpose, name)

    def matches(self, plaintext: str, purpose: Purpose) -> bool:
        """Constant-time comparison; a revoked key or another purpose never matches."""
        same = hmac.compare_digest(self.digest, _digest(plaintext))
        return same and not self.revoked and self.purpose is purpose

    def revoke(self) -> ApiKey:
        return attrs.evolve(self, revoked=True)


def prefix_taken() -> Conflict:
    """What a key store raises when a new key's prefix is taken (ApiKeyRepository.add)."""
    return Conflict("an API key with this prefix exists")


def prefix_of(plaintext: str) -> str | None:
    """The public prefix of a well-formed key, or None."""
    parts = plaintext.split("_", 2)
    if len(parts) != 3 or parts[0] != "pk" or len(parts[1]) != 2 * PREFIX_BYTES:
        return None
    return parts[1]


def _digest(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode("utf-8", "surrogatepass")).hexdigest()
