"""Third-party apps, in memory."""

from __future__ import annotations

from application.ports.access import AppRegistry
from domain.access import App


class InMemoryAppRegistry(AppRegistry):
    def __init__(self) -> None:
        self._apps: dict[str, App] = {}

    def register(self, name: str) -> App:
        app = App.register(name)
        self._apps[app.id] = app
        return app

    def get(self, app_id: str) -> App | None:
        return self._apps.get(app_id)
