"""Tokens for calling Microsoft Graph as the Pawtrack backend itself (client credentials).

The backend's app registration gets Graph *application* permissions (User.Read.All,
Application.ReadWrite.OwnedBy, AppRoleAssignment reads via Application.Read.All);
Entra issues a token for `{graph}/.default`, which is reused until five minutes
before it expires (Entra's tokens live about an hour).
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import httpx

from application.ports.clock import Clock

RENEW_BEFORE_EXPIRY = timedelta(minutes=5)


class EntraClientCredentials:
    def __init__(
        self,
        http_client: httpx.Client,
        authority: str,
        tenant_id: str,
        client_id: str,
        client_secret: str,
        scope: str,
        clock: Clock,
    ) -> None:
        self._http, self._clock = http_client, clock
        self._url = f"{authority.rstrip('/')}/{tenant_id}/oauth2/v2.0/token"
        self._form = {
            "grant_type": "client_credentials",
            "client_id": client_id,
            "client_secret": client_secret,
            "scope": scope,
        }
        self._token: tuple[str, datetime] | None = None
        self._lock = threading.Lock()

    def __call__(self) -> str:
        """A valid access token; raises httpx.HTTPStatusError when Entra refuses the secret."""
        with self._lock:
            if self._token is None or self._clock.now() >= self._token[1]:
                self._token = self._fetch()
            return self._token[0]

    def _fetch(self) -> tuple[str, datetime]:
        answer = self._http.post(self._url, data=self._form)
        answer.raise_for_status()
        body = answer.json()
        lifetime = timedelta(seconds=int(body["expires_in"]))
        return str(body["access_token"]), self._clock.now() + lifetime - RENEW_BEFORE_EXPIRY


def graph_scope(graph_url: str) -> str:
    """The scope that asks for every application permission granted on Graph."""
    return f"{graph_url.rstrip('/')}/.default"
