from __future__ import annotations

import attrs

from application.authorization import require_owner_in_person
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
        require_owner_in_person(command.caller)
        self._grants.revoke(command.caller.user_id, command.app_id)
