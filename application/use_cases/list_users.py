from __future__ import annotations

import attrs

from application.authorization import require_admin
from application.ports.identity import UserDirectory
from domain.access import Caller, User


@attrs.frozen
class ListUsersQuery:
    caller: Caller


class ListUsers:
    def __init__(self, directory: UserDirectory) -> None:
        self._directory = directory

    def __call__(self, query: ListUsersQuery) -> list[User]:
        require_admin(query.caller)
        return self._directory.list_users()
