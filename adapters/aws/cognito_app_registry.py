"""Third-party apps as Cognito app clients: the client id Cognito assigns is the app's id.

Registering creates the app client, then stores the App in the table (through the
app records), so that a request's token check reads one item and never calls
Cognito. If storing fails, the new client is deleted again: an app client without
a record would be an app whose tokens are refused.

The client is public (no secret) and starts with refresh tokens only; its OAuth
settings (callback URLs, flows, scopes) are set when the app is onboarded.
"""

from __future__ import annotations

import re
from typing import Any

from adapters.app_records import AppRecords
from application.ports.access import AppRegistry
from domain.access import App, AppTerms
from domain.values import text

_NOT_IN_CLIENT_NAMES = re.compile(r"[^\w\s+=,.@-]", re.ASCII)  # Cognito's ClientName pattern


class CognitoAppRegistry(AppRegistry):
    def __init__(self, cognito_client: Any, user_pool_id: str, records: AppRecords) -> None:
        self._cognito, self._pool, self._records = cognito_client, user_pool_id, records

    def register(self, name: str, terms: AppTerms | None = None) -> App:
        name, terms = text(name, "name", 100), terms or AppTerms()
        created = self._cognito.create_user_pool_client(
            UserPoolId=self._pool,
            ClientName=_NOT_IN_CLIENT_NAMES.sub("-", name),
            GenerateSecret=False,
            ExplicitAuthFlows=["ALLOW_REFRESH_TOKEN_AUTH"],
            PreventUserExistenceErrors="ENABLED",
            EnableTokenRevocation=True,
            **_code_flow(terms),
        )
        app = App(created["UserPoolClient"]["ClientId"], name, terms)
        try:
            self._records.put(app)
        except Exception:
            self._cognito.delete_user_pool_client(UserPoolId=self._pool, ClientId=app.id)
            raise
        return app

    def get(self, app_id: str) -> App | None:
        return self._records.get(app_id)


def _code_flow(terms: AppTerms) -> dict[str, Any]:
    """The authorization code grant with the app's exact callback URLs, for an app registered
    through a developer's request (an administrator's bare registration has none)."""
    if not terms.redirect_uris:
        return {}
    return {
        "CallbackURLs": list(terms.redirect_uris),
        "AllowedOAuthFlows": ["code"],
        "AllowedOAuthFlowsUserPoolClient": True,
        "AllowedOAuthScopes": ["openid"],
        "SupportedIdentityProviders": ["COGNITO"],
    }
