from __future__ import annotations

import attrs

from application.ports.api_keys import ApiKeyRepository
from domain.api_keys import ApiKey, Purpose, prefix_of
from domain.errors import Unauthenticated


@attrs.frozen
class CheckApiKeyQuery:
    plaintext: str | None
    purpose: Purpose


class CheckApiKey:
    """The key's record when the key is valid, not revoked and meant for this purpose."""

    def __init__(self, keys: ApiKeyRepository) -> None:
        self._keys = keys

    def __call__(self, query: CheckApiKeyQuery) -> ApiKey:
        prefix = prefix_of(query.plaintext) if query.plaintext else None
        key = self._keys.get(prefix) if prefix else None
        if key is None or not key.matches(query.plaintext or "", query.purpose):
            raise Unauthenticated("a valid API key is required")
        return key
