from __future__ import annotations

import attrs

from application.authorization import require_admin
from application.ports.api_keys import ApiKeyRepository
from domain.access import Caller
from domain.errors import NotFound


@attrs.frozen
class RevokeApiKeyCommand:
    caller: Caller
    prefix: str


class RevokeApiKey:
    """Refused from the next request on: keys are looked up on every request, never cached."""

    def __init__(self, keys: ApiKeyRepository) -> None:
        self._keys = keys

    def __call__(self, command: RevokeApiKeyCommand) -> None:
        require_admin(command.caller)
        key = self._keys.get(command.prefix)
        if key is None:
            raise NotFound(f"no API key {command.prefix!r}")
        self._keys.save(key.revoke())
