"""Third-party apps as Entra app registrations: the `appId` Entra assigns is the app's client id.

Registering creates the application through Graph, then stores the App (through the
app records), so that a request's token check reads one record and never calls
Graph. If storing fails, the new application is deleted again: a registration
without a record would be an app whose tokens are refused.

The application starts bare (a display name); its redirect URIs, sign-in audience
and the delegated permission on the Pawtrack API are set when the app is onboarded
(with Application.ReadWrite.OwnedBy the backend may only change what it created).
"""

from __future__ import annotations

import httpx

from adapters.app_records import AppRecords
from application.ports.access import AppRegistry
from domain.access import App, AppTerms
from domain.values import text

from .graph_api import GraphApi, TokenProvider


class EntraAppRegistry(AppRegistry):
    def __init__(
        self,
        http_client: httpx.Client,
        graph_url: str,
        token_provider: TokenProvider,
        records: AppRecords,
    ) -> None:
        self._graph, self._records = GraphApi(http_client, graph_url, token_provider), records

    def register(self, name: str, terms: AppTerms | None = None) -> App:
        name, terms = text(name, "name", 100), terms or AppTerms()
        application: dict[str, object] = {"displayName": name}
        if terms.redirect_uris:  # the authorization code grant, to these exact URIs
            application["web"] = {"redirectUris": list(terms.redirect_uris)}
        created = self._graph.post("applications", application)
        app = App(str(created["appId"]), name, terms)
        try:
            self._records.put(app)
        except Exception:
            self._graph.delete(f"applications/{created['id']}")
            raise
        return app

    def get(self, app_id: str) -> App | None:
        return self._records.get(app_id)
