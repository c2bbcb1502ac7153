"""API keys, in memory."""

from __future__ import annotations

import threading

from application.ports.api_keys import ApiKeyRepository
from domain.api_keys import ApiKey, prefix_taken


class InMemoryApiKeyRepository(ApiKeyRepository):
    def __init__(self) -> None:
        self._keys: dict[str, ApiKey] = {}
        self._lock = threading.Lock()

    def add(self, key: ApiKey) -> None:
        with self._lock:
            if key.prefix in self._keys:
                raise prefix_taken()
            self._keys[key.prefix] = key

    def get(self, prefix: str) -> ApiKey | None:
        return self._keys.get(prefix)

    def save(self, key: ApiKey) -> None:
        self._keys[key.prefix] = key

    def all(self) -> list[ApiKey]:
        return [self._keys[prefix] for prefix in sorted(self._keys)]
