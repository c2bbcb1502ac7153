from __future__ import annotations

from collections.abc import Sequence

import attrs

from application.authorization import hidden_from_apps
from application.ports.access import AppRegistry, GrantRepository
from application.ports.apps import Subscriptions
from domain.access import AppAccess, Caller, Grant, Scope
from domain.apps import Watch
from domain.errors import NotFound


@attrs.frozen
class GrantAccessCommand:
    caller: Caller
    app_id: str
    scopes: Sequence[str]


class GrantAccess:
    """Lets an app read the given kinds of the caller's data; replaces an earlier grant."""

    def __init__(
        self, apps: AppRegistry, grants: GrantRepository, subscriptions: Subscriptions
    ) -> None:
        self._apps, self._grants, self._subscriptions = apps, grants, subscriptions

    def __call__(self, command: GrantAccessCommand) -> AppAccess:
        hidden_from_apps(command.caller, "app")
        scopes = Scope.parse_all(command.scopes)
        app = self._apps.get(command.app_id)
        if app is None:
            raise NotFound(f"no app {command.app_id!r}")
        grant = Grant(command.caller.user_id, app.id, scopes)
        self._grants.put(grant)
        self._subscriptions.watch(Watch(grant.owner_id, app.id, scopes))
        return AppAccess(app, grant)
