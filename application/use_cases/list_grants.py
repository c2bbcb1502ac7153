from __future__ import annotations

import attrs

from application.authorization import require_owner_in_person
from application.ports.access import AppRegistry, GrantRepository
from domain.access import AppAccess, Caller


@attrs.frozen
class ListGrantsQuery:
    caller: Caller


class ListGrants:
    """Which apps may read which of the caller's data."""

    def __init__(self, apps: AppRegistry, grants: GrantRepository) -> None:
        self._apps, self._grants = apps, grants

    def __call__(self, query: ListGrantsQuery) -> list[AppAccess]:
        require_owner_in_person(query.caller)
        found = []
        for grant in self._grants.of_owner(query.caller.user_id):
            app = self._apps.get(grant.app_id)
            if app is not None:
                found.append(AppAccess(app, grant))
        return found
