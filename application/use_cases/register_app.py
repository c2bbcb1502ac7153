from __future__ import annotations

import attrs

from application.authorization import require_admin
from application.ports.access import AppRegistry
from domain.access import App, Caller


@attrs.frozen
class RegisterAppCommand:
    caller: Caller
    name: str


class RegisterApp:
    """An administrator registers a third-party app; its id is the client id of its tokens."""

    def __init__(self, apps: AppRegistry) -> None:
        self._apps = apps

    def __call__(self, command: RegisterAppCommand) -> App:
        require_admin(command.caller)
        app = App.register(command.name)
        self._apps.add(app)
        return app
