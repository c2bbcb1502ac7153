"""A cloud identity provider's managed sign-in (Cognito managed login, Entra's sign-in page) as
the identity provider of Pawtrack's authorization server: the owner signs in there, the
provider returns to /oauth/login with a code, and this adapter exchanges it at the provider's
token endpoint (OAuth 2 authorization code, PKCE-less public client of Pawtrack's own) and
verifies the access token it gets with the provider's verifier."""

from __future__ import annotations

from urllib.parse import urlencode

import httpx

from application.ports.apps import OwnerSignIn
from application.ports.identity import IdentityVerifier
from domain.errors import Unauthenticated

TIMEOUT_SECONDS = 5.0


class OidcOwnerSignIn(OwnerSignIn):
    def __init__(
        self,
        http_client: httpx.Client,
        authorize_url: str,
        token_url: str,
        client_id: str,
        return_to: str,
        scope: str,
        verifier: IdentityVerifier,
    ) -> None:
        self._http, self._authorize_url, self._token_url = http_client, authorize_url, token_url
        self._client_id, self._return_to, self._scope = client_id, return_to, scope
        self._verifier = verifier

    def sign_in_url(self, state: str) -> str:
        query = {
            "response_type": "code",
            "client_id": self._client_id,
            "redirect_uri": self._return_to,
            "scope": self._scope,
            "state": state,
        }
        return f"{self._authorize_url}?{urlencode(query)}"

    def owner_of(self, code: str) -> str:
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "client_id": self._client_id,
            "redirect_uri": self._return_to,
        }
        try:
            answer = self._http.post(self._token_url, data=form, timeout=TIMEOUT_SECONDS)
        except httpx.HTTPError as error:
            raise Unauthenticated("the identity provider could not be reached") from error
        if answer.status_code != 200:
            raise Unauthenticated("the identity provider refused the sign-in code")
        token = answer.json().get("access_token")
        if not isinstance(token, str):
            raise Unauthenticated("the identity provider answered no access token")
        return self._verifier.verify(token).user_id
