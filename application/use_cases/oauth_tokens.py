from __future__ import annotations

from collections.abc import Mapping

import attrs

from application.ports.apps import OAuthAnswer, OAuthServer


@attrs.frozen
class TokenRequest:
    form: Mapping[str, str]
    headers: Mapping[str, str]


class ExchangeToken:
    """The token endpoint: a code (once, with its verifier) or a refresh token (rotating) for
    an access token naming the app and the owner."""

    def __init__(self, server: OAuthServer) -> None:
        self._server = server

    def __call__(self, request: TokenRequest) -> OAuthAnswer:
        return self._server.token(request.form, request.headers)


class RevokeToken:
    """The revocation endpoint (RFC 7009): the app gives up a token."""

    def __init__(self, server: OAuthServer) -> None:
        self._server = server

    def __call__(self, request: TokenRequest) -> OAuthAnswer:
        return self._server.revoke(request.form, request.headers)
