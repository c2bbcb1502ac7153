"""Where an identity provider's app registry keeps the apps it registered.

Cognito's and Entra's registries create the app with the provider, then keep the App
in the project's own store (DynamoDBAppRecords, TableAppRecords), so that a request's
token check reads one record and never calls the provider.
"""

from __future__ import annotations

from typing import Protocol

from domain.access import App


class AppRecords(Protocol):
    def put(self, app: App) -> None: ...

    def get(self, app_id: str) -> App | None: ...
