"""An owner connecting an app: the app's authorization request, the identity provider's
sign-in, then the owner's consent (RFC 6749 §4.1 with PKCE; RFC 9700)."""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from datetime import timedelta

import attrs

from application.ports.access import AppRegistry, GrantRepository
from application.ports.apps import (
    Authorizations,
    OAuthAnswer,
    OAuthServer,
    OwnerSignIn,
    PendingAuthorization,
    Subscriptions,
)
from application.ports.clock import Clock
from domain.access import Grant, Scope
from domain.apps import Connection, Watch
from domain.errors import InvalidInput, NotFound, Unauthenticated

SIGN_IN_LIFETIME = timedelta(minutes=10)


@attrs.frozen
class AuthorizeAppQuery:
    params: Mapping[str, str]


@attrs.frozen
class SignedInQuery:
    code: str
    state: str


@attrs.frozen
class ConsentPrompt:
    """What the consent page shows, and what its form must carry back."""

    pending_id: str
    consent_token: str
    app_name: str
    offered: tuple[Scope, ...]
    redirect_uri: str  # where the answer goes: the page's form may lead there


@attrs.frozen
class ConsentCommand:
    pending_id: str
    consent_token: str
    scopes: Sequence[str]
    allow: bool


def offered_scopes(params: Mapping[str, str]) -> tuple[Scope, ...]:
    """The scopes the app asked for that Pawtrack knows; all of them when it named none."""
    asked = params.get("scope", "").split()
    known = [scope for scope in Scope if scope.value in asked] if asked else list(Scope)
    return tuple(known)


class AuthorizeApp:
    """Checks the app's request (client, exact redirect URI, PKCE S256), keeps it, and sends
    the owner to the identity provider's sign-in page."""

    def __init__(
        self,
        server: OAuthServer,
        authorizations: Authorizations,
        sign_in: OwnerSignIn,
        clock: Clock,
    ) -> None:
        self._server, self._authorizations = server, authorizations
        self._sign_in, self._clock = sign_in, clock

    def __call__(self, query: AuthorizeAppQuery) -> OAuthAnswer:
        refused = self._server.check_authorization(query.params)
        if refused is not None:
            return refused
        pending = PendingAuthorization(
            secrets.token_urlsafe(24),
            query.params["client_id"],
            dict(query.params),
            self._clock.now() + SIGN_IN_LIFETIME,
        )
        self._authorizations.hold(pending)
        location = self._sign_in.sign_in_url(pending.id)
        return OAuthAnswer(302, {}, {"location": location})


class SignedIn:
    """The identity provider signed the owner in: the consent page's prompt, bound to them."""

    def __init__(
        self,
        authorizations: Authorizations,
        sign_in: OwnerSignIn,
        apps: AppRegistry,
        clock: Clock,
    ) -> None:
        self._authorizations, self._sign_in = authorizations, sign_in
        self._apps, self._clock = apps, clock

    def __call__(self, query: SignedInQuery) -> ConsentPrompt:
        pending = self._authorizations.pending(query.state, self._clock.now())
        if pending is None or pending.owner_id is not None:
            raise Unauthenticated("this sign-in is unknown, used or expired: start again")
        owner_id = self._sign_in.owner_of(query.code)
        app = self._apps.get(pending.client_id)
        if app is None:
            raise NotFound("there is no such app")
        bound = attrs.evolve(pending, owner_id=owner_id, consent_token=secrets.token_urlsafe(24))
        self._authorizations.hold(bound)
        return ConsentPrompt(
            bound.id,
            bound.consent_token or "",
            app.name,
            offered_scopes(bound.params),
            bound.params["redirect_uri"],
        )


class ConsentToApp:
    """The owner's choice: the chosen scopes become the app's grant, and the app gets a code
    at its redirect URI; a refusal sends it `access_denied`. Each consent form works once."""

    def __init__(
        self,
        server: OAuthServer,
        authorizations: Authorizations,
        grants: GrantRepository,
        subscriptions: Subscriptions,
        clock: Clock,
    ) -> None:
        self._server, self._authorizations, self._grants = server, authorizations, grants
        self._subscriptions, self._clock = subscriptions, clock

    def __call__(self, command: ConsentCommand) -> OAuthAnswer:
        pending = self._authorizations.pending(command.pending_id, self._clock.now())
        if (
            pending is None
            or pending.owner_id is None
            or not pending.consent_token
            or not secrets.compare_digest(pending.consent_token, command.consent_token)
            or not self._authorizations.forget(pending.id)
        ):
            raise Unauthenticated("this consent form is unknown, used or expired: start again")
        if not command.allow:
            return self._server.deny(pending.params)
        scopes = Scope.parse_all(command.scopes)
        if not scopes <= set(offered_scopes(pending.params)):
            raise InvalidInput("scope", "choose among the scopes the app asked for")
        owner, app_id = pending.owner_id, pending.client_id
        connection = Connection.begin(owner, app_id, self._clock.now())
        self._grants.put(Grant(owner, app_id, scopes))
        self._authorizations.connect(connection)
        self._subscriptions.watch(Watch(owner, app_id, scopes))
        return self._server.authorize(pending.params, owner, scopes, connection.generation)
