from __future__ import annotations

import attrs

from application.authorization import require_admin
from application.ports.api_keys import ApiKeyRepository
from domain.access import Caller
from domain.api_keys import ApiKey, Purpose
from domain.values import text


@attrs.frozen
class IssueApiKeyCommand:
    caller: Caller
    purpose: str
    name: str


@attrs.frozen
class IssuedApiKey:
    """The plaintext is shown this once and stored nowhere."""

    plaintext: str
    key: ApiKey


class IssueApiKey:
    def __init__(self, keys: ApiKeyRepository) -> None:
        self._keys = keys

    def __call__(self, command: IssueApiKeyCommand) -> IssuedApiKey:
        require_admin(command.caller)
        name = text(command.name, "name", 100)
        plaintext, key = ApiKey.issue(Purpose.parse(command.purpose), name)
        self._keys.add(key)
        return IssuedApiKey(plaintext, key)
