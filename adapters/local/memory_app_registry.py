"""Third-party apps, in memory."""

from __future__ import annotations

import attrs

from application.ports.access import AppRegistry
from domain.access import App, AppTerms


class InMemoryAppRegistry(AppRegistry):
    def __init__(self) -> None:
        self._apps: dict[str, App] = {}

    def register(self, name: str, terms: AppTerms | None = None) -> App:
        app = attrs.evolve(App.register(name), terms=terms or AppTerms())
        self._apps[app.id] = app
        return app

    def get(self, app_id: str) -> App | None:
        return self._apps.get(app_id)
