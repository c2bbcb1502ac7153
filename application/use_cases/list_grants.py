from __future__ import annotations

import attrs

from application.authorization import require_owner_in_person
from application.ports.access import AppRegistry, GrantRepository
from application.ports.apps import Authorizations, Subscriptions
from domain.access import AppAccess, Caller


@attrs.frozen
class ListGrantsQuery:
    caller: Caller


class ListGrants:
    """Which apps may read which of the caller's data, since when, when they last read, and
    whether they are subscribed to changes."""

    def __init__(
        self,
        apps: AppRegistry,
        grants: GrantRepository,
        authorizations: Authorizations,
        subscriptions: Subscriptions,
    ) -> None:
        self._apps, self._grants = apps, grants
        self._authorizations, self._subscriptions = authorizations, subscriptions

    def __call__(self, query: ListGrantsQuery) -> list[AppAccess]:
        require_owner_in_person(query.caller)
        found = []
        for grant in self._grants.of_owner(query.caller.user_id):
            app = self._apps.get(grant.app_id)
            if app is None:
                continue
            connection = self._authorizations.connection(grant.owner_id, grant.app_id)
            found.append(
                AppAccess(
                    app,
                    grant,
                    connection.connected_at if connection else None,
                    connection.last_read if connection else None,
                    self._subscriptions.get(app.id) is not None,
                )
            )
        return found
