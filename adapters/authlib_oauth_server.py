"""Pawtrack's OAuth 2 authorization server on Authlib's framework-neutral core: RFC 6749's
authorization code and refresh token grants, RFC 7636 with S256 only (required of every
client), RFC 7009 revocation. Authlib does the protocol; this module tells it where clients,
codes and tokens are (the ports) and hands requests in and answers out as plain mappings, so
every binding (a laptop, Lambda, Functions) serves the same server.

Tokens are opaque (`pat_…` access, `prt_…` refresh), kept by their SHA-256 only: a request
with one reads one record, and revoking a grant ends them at once (RFC 9700 §2.2.2).
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Mapping
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import attrs
from authlib.oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import ClientMixin, OAuth2Request, grants
from authlib.oauth2.rfc6749.errors import InvalidRequestError
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oauth2.rfc7009 import RevocationEndpoint
from authlib.oauth2.rfc7636 import CodeChallenge

from application.ports.access import AppRegistry
from application.ports.apps import Authorizations, IssuedCode, IssuedToken, OAuthAnswer, OAuthServer
from application.ports.clock import Clock
from domain.access import App, Scope
from domain.apps import ACCESS_TOKEN_PREFIX, REFRESH_TOKEN_PREFIX, digest

VISIBLE = re.compile(r"[\x20-\x7e]*")
INVALID = OAuthAnswer(400, {"error": "invalid_request"}, {"cache-control": "no-store"})
CODE_LIFETIME = timedelta(minutes=10)


def _spent(code_digest: str) -> str:
    """Where a code exchanged once is remembered (beside the codes, under another key)."""
    return f"spent-{code_digest}"


ACCESS_LIFETIME = timedelta(hours=1)
REFRESH_LIFETIME = timedelta(days=30)
AUTH_METHODS = ("client_secret_basic", "client_secret_post")
ISSUER = "https://pawtrack"  # a placeholder base: Authlib builds only the query from it


class RegisteredClient(ClientMixin):  # type: ignore[misc]
    """An app registered through a developer's request, as Authlib asks about clients."""

    def __init__(self, app: App) -> None:
        self.app = app

    def get_client_id(self) -> str:
        return self.app.id

    def get_default_redirect_uri(self) -> None:
        return None  # the redirect URI is always named, and matched exactly

    def get_allowed_scope(self, scope: str) -> str:
        known = {s.value for s in Scope}
        return " ".join(s for s in (scope or "").split() if s in known)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.app.terms.redirect_uris

    def check_client_secret(self, client_secret: str) -> bool:
        expected = self.app.terms.secret_digest
        return bool(expected) and secrets.compare_digest(expected, digest(client_secret))

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method in AUTH_METHODS

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type in ("authorization_code", "refresh_token")


class S256Only(CodeChallenge):  # type: ignore[misc]
    """PKCE for every client, S256 only: no challenge, or `plain`, or no method (which RFC 7636
    reads as plain) is a downgrade, refused."""

    DEFAULT_CODE_CHALLENGE_METHOD = "S256"
    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]  # noqa: RUF012 (Authlib's class attribute)

    def validate_code_challenge(self, grant: Any, redirect_uri: str) -> None:
        data = grant.request.payload.data
        if not data.get("code_challenge") or data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("PKCE with code_challenge_method S256 is required")
        super().validate_code_challenge(grant, redirect_uri)

    def get_authorization_code_challenge(self, authorization_code: IssuedCode) -> str:
        return authorization_code.code_challenge

    def get_authorization_code_challenge_method(self, authorization_code: IssuedCode) -> str:
        return "S256"


class _Code:
    """An issued code as Authlib's grant reads it."""

    def __init__(self, code: IssuedCode) -> None:
        self.code = code

    def get_redirect_uri(self) -> str:
        return self.code.redirect_uri

    def get_scope(self) -> str:
        return " ".join(sorted(s.value for s in self.code.scopes))

    @property
    def code_challenge(self) -> str:
        return self.code.code_challenge


class _Token:
    def __init__(self, token: IssuedToken) -> None:
        self.token = token

    def check_client(self, client: RegisteredClient) -> bool:
        return self.token.client_id == client.get_client_id()

    def get_scope(self) -> str:
        return " ".join(sorted(s.value for s in self.token.scopes))

    def is_expired(self) -> bool:
        return False  # the store answers only unexpired tokens

    def is_revoked(self) -> bool:
        return False


class AuthlibOAuthServer(OAuthServer):
    def __init__(self, apps: AppRegistry, authorizations: Authorizations, clock: Clock) -> None:
        self._apps, self._authorizations, self._clock = apps, authorizations, clock
        self._server = _Server(self)

    # What Authlib asks of the stores.
    def client(self, client_id: str) -> RegisteredClient | None:
        app = self._apps.get(client_id) if client_id else None
        return RegisteredClient(app) if app is not None and app.terms.redirect_uris else None

    def save_code(self, code: str, request: OAuth2Request) -> None:
        owner_id, scopes, generation = request.user
        data = request.payload.data
        self._authorizations.put_code(
            IssuedCode(
                digest(code),
                request.client.get_client_id(),
                owner_id,
                data["redirect_uri"],
                scopes,
                data["code_challenge"],
                generation,
                self._clock.now() + CODE_LIFETIME,
            )
        )

    def take_code(self, code: str, client: RegisteredClient) -> _Code | None:
        """The code, taken; a spent code's record is kept in its place until the code would have
        expired, so that presenting it again ends the connection it was issued for: the tokens
        exchanged for it are refused from then on (RFC 6749 §4.1.2: a code used twice means
        someone else holds it)."""
        now = self._clock.now()
        found = self._authorizations.take_code(digest(code), now)
        if found is None:
            spent = self._authorizations.take_code(_spent(digest(code)), now)
            if spent is not None and self.current(
                spent.owner_id, spent.client_id, spent.generation
            ):
                self._authorizations.disconnect(spent.owner_id, spent.client_id)
            return None
        spent = attrs.evolve(found, digest=_spent(found.digest))
        self._authorizations.put_code(spent)
        connection = self._authorizations.connection(found.owner_id, found.client_id)
        if connection is not None and connection.generation == found.generation:
            # Named by the connection, as its tokens are: ending it (erasure too) deletes it.
            self._authorizations.connect(connection.issued(f"code:{spent.digest}"))
        if found.client_id != client.get_client_id():
            return None
        return _Code(found)

    def current(self, owner_id: str, client_id: str, generation: str) -> bool:
        connection = self._authorizations.connection(owner_id, client_id)
        return connection is not None and connection.generation == generation

    def save_tokens(self, token: dict[str, Any], request: OAuth2Request) -> None:
        owner_id, scopes, generation = request.user
        now, client_id = self._clock.now(), request.client.get_client_id()
        issued = []
        for kind, value, lifetime in (
            ("access", token["access_token"], ACCESS_LIFETIME),
            ("refresh", token.get("refresh_token"), REFRESH_LIFETIME),
        ):
            if value:
                self._authorizations.put_token(
                    IssuedToken(
                        digest(value), kind, client_id, owner_id, scopes, generation, now + lifetime
                    )
                )
                issued.append(f"{kind}:{digest(value)}")
        connection = self._authorizations.connection(owner_id, client_id)
        if connection is not None and connection.generation == generation:
            self._authorizations.connect(connection.issued(*issued))

    def find_token(self, value: str, kind: str | None) -> _Token | None:
        now = self._clock.now()
        for each in (kind,) if kind in ("access", "refresh") else ("access", "refresh"):
            found = self._authorizations.token(digest(value), each, now)
            if found is not None:
                return _Token(found)
        return None

    def take_refresh(self, value: str) -> _Token | None:
        found = self._authorizations.take_token(digest(value), "refresh", self._clock.now())
        if found is None or not self.current(found.owner_id, found.client_id, found.generation):
            return None
        return _Token(found)

    def drop_token(self, token: _Token) -> None:
        self._authorizations.take_token(token.token.digest, token.token.kind, self._clock.now())

    # The port.
    def check_authorization(self, params: Mapping[str, str]) -> OAuthAnswer | None:
        if not _visible(params):
            return INVALID
        request = _request("GET", params, {})
        try:
            grant = self._server.get_consent_grant(request)
        except Exception as error:  # an OAuth2Error: Authlib's answer, redirecting if it may
            return self._error(request, error)
        del grant
        return None

    def authorize(
        self, params: Mapping[str, str], owner_id: str, scopes: frozenset[Scope], generation: str
    ) -> OAuthAnswer:
        chosen = {**params, "scope": " ".join(sorted(s.value for s in scopes))}
        request = _request("GET", chosen, {})
        grant = self._server.get_consent_grant(request)
        return _answer(
            *self._server.create_authorization_response(
                request, grant_user=(owner_id, scopes, generation), grant=grant
            )
        )

    def deny(self, params: Mapping[str, str]) -> OAuthAnswer:
        request = _request("GET", params, {})
        grant = self._server.get_consent_grant(request)
        return _answer(*self._server.create_authorization_response(request, None, grant))

    def token(self, form: Mapping[str, str], headers: Mapping[str, str]) -> OAuthAnswer:
        if not _visible(form):
            return INVALID
        return _answer(*self._server.create_token_response(_request("POST", form, headers)))

    def revoke(self, form: Mapping[str, str], headers: Mapping[str, str]) -> OAuthAnswer:
        if not _visible(form):
            return INVALID
        request = _request("POST", form, headers)
        return _answer(*self._server.create_endpoint_response("revocation", request))

    def _error(self, request: OAuth2Request, error: Exception) -> OAuthAnswer:
        from authlib.oauth2.rfc6749.errors import OAuth2Error

        if not isinstance(error, OAuth2Error):
            raise error
        return _answer(*self._server.handle_error_response(request, error))


def _of(part: Any) -> AuthlibOAuthServer:
    """The port adapter behind an Authlib grant or endpoint (its server's owner)."""
    owner: AuthlibOAuthServer = part.server.owner
    return owner


class _CodeGrant(grants.AuthorizationCodeGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = list(AUTH_METHODS)  # noqa: RUF012

    def save_authorization_code(self, code: str, request: OAuth2Request) -> None:
        _of(self).save_code(code, request)

    def query_authorization_code(self, code: str, client: RegisteredClient) -> _Code | None:
        # Taken, not read: a code works once, even under concurrent exchanges.
        return _of(self).take_code(code, client)

    def delete_authorization_code(self, authorization_code: _Code) -> None:
        pass  # taken already

    def authenticate_user(self, authorization_code: _Code) -> tuple[str, frozenset[Scope], str]:
        code = authorization_code.code
        if not _of(self).current(code.owner_id, code.client_id, code.generation):
            return None  # type: ignore[return-value]
        return (code.owner_id, code.scopes, code.generation)


class _RefreshGrant(grants.RefreshTokenGrant):  # type: ignore[misc]
    TOKEN_ENDPOINT_AUTH_METHODS = list(AUTH_METHODS)  # noqa: RUF012
    INCLUDE_NEW_REFRESH_TOKEN = True  # rotation (RFC 9700 §4.14.2)

    def authenticate_refresh_token(self, refresh_token: str) -> _Token | None:
        return _of(self).take_refresh(refresh_token)

    def authenticate_user(self, refresh_token: _Token) -> tuple[str, frozenset[Scope], str]:
        token = refresh_token.token
        return (token.owner_id, token.scopes, token.generation)

    def revoke_old_credential(self, refresh_token: _Token) -> None:
        pass  # taken already


class _Revocation(RevocationEndpoint):  # type: ignore[misc]
    CLIENT_AUTH_METHODS = list(AUTH_METHODS)  # noqa: RUF012

    def query_token(self, token_string: str, token_type_hint: str | None) -> _Token | None:
        kind = {"access_token": "access", "refresh_token": "refresh"}.get(token_type_hint or "")
        return _of(self).find_token(token_string, kind)

    def revoke_token(self, token: _Token, request: OAuth2Request) -> None:
        _of(self).drop_token(token)


class _Server(AuthorizationServer):  # type: ignore[misc]
    def __init__(self, owner: AuthlibOAuthServer) -> None:
        super().__init__(scopes_supported=[s.value for s in Scope])
        self.owner = owner
        self.register_token_generator(
            "default",
            BearerTokenGenerator(
                lambda *_, **__: ACCESS_TOKEN_PREFIX + secrets.token_urlsafe(32),
                lambda *_, **__: REFRESH_TOKEN_PREFIX + secrets.token_urlsafe(32),
                lambda client, grant_type: int(ACCESS_LIFETIME.total_seconds()),
            ),
        )
        self.register_grant(_CodeGrant, [S256Only(required=True)])
        self.register_grant(_RefreshGrant)
        self.register_endpoint(_Revocation)

    def query_client(self, client_id: str) -> RegisteredClient | None:
        return self.owner.client(client_id)

    def save_token(self, token: dict[str, Any], request: OAuth2Request) -> None:
        self.owner.save_tokens(token, request)

    def create_oauth2_request(self, request: OAuth2Request) -> OAuth2Request:
        return request

    def handle_response(self, status: int, body: Any, headers: Any) -> tuple[int, Any, Any]:
        return status, body, headers

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        pass


class _Request(OAuth2Request):  # type: ignore[misc]
    @property
    def form(self) -> dict[str, str]:
        return dict(self.payload.data) if self.method == "POST" else {}

    @property
    def args(self) -> dict[str, str]:
        return dict(self.payload.data)


def _request(method: str, data: Mapping[str, str], headers: Mapping[str, str]) -> OAuth2Request:
    uri = f"{ISSUER}?{urlencode(dict(data))}" if method == "GET" else ISSUER
    # Authlib reads `Authorization` by that name; the bindings lower-case header names.
    request = _Request(method, uri, headers={k.title(): v for k, v in headers.items()})
    request.payload = BasicOAuth2Payload(dict(data))
    return request


def _visible(params: Mapping[str, str]) -> bool:
    """RFC 6749's parameters are visible ASCII (and spaces between scopes); Authlib echoes some
    in its error descriptions and refuses to build one with anything else."""
    return all(VISIBLE.fullmatch(f"{name}{value}") for name, value in params.items())


def _answer(status: int, body: Any, headers: Any) -> OAuthAnswer:
    found = {str(name).lower(): str(value) for name, value in (headers or [])}
    if isinstance(body, str):
        body = json.loads(body) if body else {}
    return OAuthAnswer(status, dict(body or {}), found)
