from __future__ import annotations

import attrs

from application.authorization import hidden_from_apps
from application.ports.access import GrantRepository
from domain.access import Caller


@attrs.frozen
class RevokeAccessCommand:
    caller: Caller
    app_id: str


class RevokeAccess:
    """Takes effect on the app's next request: grants are read on every request, never cached."""

    def __init__(self, grants: GrantRepository) -> None:
        self._grants = grants

    def __call__(self, command: RevokeAccessCommand) -> None:
        hidden_from_apps(command.caller, "grant")
        self._grants.revoke(command.caller.user_id, command.app_id)
