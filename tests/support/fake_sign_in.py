"""The identity providers' side of an owner's sign-in for Pawtrack's authorization server: the
code their sign-in page returns with, and their token endpoint that exchanges it (RFC 6749
§4.1.3), checking what Cognito's managed login and Entra check: the grant type, the client,
the exact redirect URI, a code used once."""

from __future__ import annotations

import secrets
import threading
from urllib.parse import parse_qs

import attrs

from tests.support.azure_fakes import LoopbackServer, Request, Response


@attrs.frozen
class Issued:
    access_token: str
    client_id: str
    redirect_uri: str


class CodeGrants:
    """Codes a sign-in handed out, each exchanged once."""

    def __init__(self) -> None:
        self._codes: dict[str, Issued] = {}
        self._lock = threading.Lock()

    def issue(self, access_token: str, client_id: str, redirect_uri: str) -> str:
        code = secrets.token_urlsafe(24)
        with self._lock:
            self._codes[code] = Issued(access_token, client_id, redirect_uri)
        return code

    def exchange(self, request: Request) -> Response:
        if request.headers.get("content-type", "").split(";")[0] != (
            "application/x-www-form-urlencoded"
        ):
            return _error(400, "invalid_request")
        form = {name: values[-1] for name, values in parse_qs(request.body.decode()).items()}
        if form.get("grant_type") != "authorization_code":
            return _error(400, "unsupported_grant_type")
        with self._lock:
            issued = self._codes.pop(form.get("code", ""), None)
        if issued is None:
            return _error(400, "invalid_grant")
        if form.get("client_id") != issued.client_id:
            return _error(401, "invalid_client")
        if form.get("redirect_uri") != issued.redirect_uri:
            return _error(400, "invalid_grant")
        body = {"access_token": issued.access_token, "token_type": "Bearer", "expires_in": 3600}
        return Response(200, body)


class FakeManagedLogin(LoopbackServer):
    """Cognito's managed login domain: /oauth2/token."""

    def __init__(self) -> None:
        super().__init__()
        self.codes = CodeGrants()

    def handle(self, request: Request) -> Response:
        if request.method == "POST" and request.path == "/oauth2/token":
            return self.codes.exchange(request)
        return Response(404, {"error": "not_found"})


def _error(status: int, error: str) -> Response:
    return Response(status, {"error": error})
