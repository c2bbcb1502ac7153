from __future__ import annotations

import attrs

from application.authorization import require_admin
from application.ports.access import AppRegistry
from domain.access import App, Caller
from domain.values import text


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
        return self._apps.register(text(command.name, "name", 100))
