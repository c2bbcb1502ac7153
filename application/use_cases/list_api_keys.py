from __future__ import annotations

import attrs

from application.authorization import require_admin
from application.ports.api_keys import ApiKeyRepository
from domain.access import Caller
from domain.api_keys import ApiKey


@attrs.frozen
class ListApiKeysQuery:
    caller: Caller


class ListApiKeys:
    """The key records (prefix, purpose, name, revoked) for an administrator: never a plaintext."""

    def __init__(self, keys: ApiKeyRepository) -> None:
        self._keys = keys

    def __call__(self, query: ListApiKeysQuery) -> list[ApiKey]:
        require_admin(query.caller)
        return self._keys.all()
