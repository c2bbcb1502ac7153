"""Where an identity provider's app registry keeps the apps it registered, and how every store
writes an app's terms.

Cognito's and Entra's registries create the app with the provider, then keep the App
in the project's own store (DynamoDBAppRecords, TableAppRecords), so that a request's
token check reads one record and never calls the provider.
"""

from __future__ import annotations

import json
from typing import Protocol

from domain.access import App, AppTerms


class AppRecords(Protocol):
    def put(self, app: App) -> None: ...

    def get(self, app_id: str) -> App | None: ...


def terms_json(terms: AppTerms) -> str:
    return json.dumps(
        {
            "redirect_uris": list(terms.redirect_uris),
            "requests_per_minute": terms.requests_per_minute,
            "secret_digest": terms.secret_digest,
        }
    )


def terms_of(text: str | None) -> AppTerms:
    """An app's terms as stored; an app stored before apps had terms has the default ones."""
    if not text:
        return AppTerms()
    found = json.loads(text)
    return AppTerms(
        tuple(found["redirect_uris"]), int(found["requests_per_minute"]), found["secret_digest"]
    )
