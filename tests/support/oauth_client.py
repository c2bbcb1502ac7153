"""What a third-party app does in the OAuth flow: its registration's credentials, a PKCE
verifier and challenge (S256) per authorization, reading the redirect it gets back."""

from __future__ import annotations

import base64
import hashlib
import secrets
from urllib.parse import parse_qs, urlencode, urlsplit

import attrs


@attrs.define
class OAuthApp:
    name: str
    redirect_uri: str
    client_secret: str
    client_id: str = ""
    request_id: str = ""
    verifier: str = ""
    state: str = ""
    codes: list[str] = attrs.Factory(list)
    tokens: dict[str, str] = attrs.Factory(dict)  # owner -> access token

    def authorization(self, scopes: list[str]) -> dict[str, str]:
        """A fresh authorization request's parameters (a new verifier and state each time)."""
        self.verifier, self.state = secrets.token_urlsafe(48), secrets.token_urlsafe(16)
        return {
            "response_type": "code",
            "client_id": self.client_id,
            "redirect_uri": self.redirect_uri,
            "scope": " ".join(scopes),
            "state": self.state,
            "code_challenge": challenge_of(self.verifier),
            "code_challenge_method": "S256",
        }

    def code_from(self, location: str) -> str:
        """The code in the redirect to the app, checked as the app checks it (its redirect URI,
        its state)."""
        assert location.startswith(self.redirect_uri + "?"), location
        query = parse_qs(urlsplit(location).query)
        assert query["state"] == [self.state], "the state came back changed"
        self.codes.append(query["code"][0])
        return query["code"][0]

    def exchange(self, code: str, verifier: str | None = None) -> dict[str, str]:
        """The token request's form (client_secret_post)."""
        return {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self.redirect_uri,
            "code_verifier": verifier if verifier is not None else self.verifier,
            "client_id": self.client_id,
            "client_secret": self.client_secret,
        }

    def query(self, params: dict[str, str]) -> str:
        return urlencode(params)


def challenge_of(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
