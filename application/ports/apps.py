"""The ports of the app platform: registration requests, the OAuth authorization server and
what it keeps, subscriptions and their messages, limits."""

from __future__ import annotations

import abc
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

import attrs

from domain.access import Scope
from domain.apps import AppRequest, Connection, Subscription, Watch, WebhookMessage
from domain.limits import Allowance


class AppRequests(abc.ABC):
    """Registration requests and where each stands: the workflow's state (locally the store;
    in the clouds the store beside the workflow service that waits for the decision)."""

    @abc.abstractmethod
    def put(self, request: AppRequest) -> None:
        """Store the request, replacing the stored one of the same id."""

    @abc.abstractmethod
    def get(self, request_id: str) -> AppRequest | None:
        """The request, as stored (its state at a given time: AppRequest.current), or None."""

    @abc.abstractmethod
    def pending(self) -> list[AppRequest]:
        """The requests stored as pending, oldest first."""


class ApprovalWorkflow(abc.ABC):
    """What waits for an administrator's decision on a request and refuses it when 7 days pass
    without one: Step Functions (a task token and a timeout), a Durable Functions orchestration
    (an external event raced with a timer), or on a laptop the same states in the store."""

    @abc.abstractmethod
    def start(self, request: AppRequest) -> None:
        """Begin waiting for the decision until the request's deadline. Idempotent per request."""

    @abc.abstractmethod
    def waiting(self, request_id: str, token: str) -> None:
        """The workflow waits, and names the token a decision must carry (Step Functions' task
        token); workflows that need none are never told."""

    @abc.abstractmethod
    def decide(self, request: AppRequest, approve: bool, now: datetime) -> None:
        """Hand the decision to the waiting workflow, which ends. Raises Conflict when it no
        longer waits (decided already, or timed out)."""

    @abc.abstractmethod
    def due(self, now: datetime) -> list[str]:
        """The requests whose wait ended at their deadline without a decision, each told once
        (the store-kept workflow's timer; the clouds' workflows refuse by themselves: none)."""


@attrs.frozen
class PendingAuthorization:
    """An app's authorization request between /oauth/authorize and the owner's consent: the
    request's parameters as the app sent them, and once the owner signed in, who they are and
    the token the consent form must carry back (its protection against forged consents)."""

    id: str
    client_id: str
    params: Mapping[str, str]
    expires: datetime
    owner_id: str | None = None
    consent_token: str | None = None


@attrs.frozen
class IssuedCode:
    digest: str
    client_id: str
    owner_id: str
    redirect_uri: str
    scopes: frozenset[Scope]
    code_challenge: str
    generation: str
    expires: datetime


@attrs.frozen
class IssuedToken:
    """An opaque access or refresh token, kept by the digest of its value."""

    digest: str
    kind: str  # "access" or "refresh"
    client_id: str
    owner_id: str
    scopes: frozenset[Scope]
    generation: str
    expires: datetime


class Authorizations(abc.ABC):
    """What Pawtrack's OAuth authorization server keeps: pending authorizations, single-use
    codes, opaque tokens (by their SHA-256 digest only) and owners' connections."""

    @abc.abstractmethod
    def hold(self, pending: PendingAuthorization) -> None:
        """Keep (or replace) a pending authorization until its expiry."""

    @abc.abstractmethod
    def pending(self, pending_id: str, now: datetime) -> PendingAuthorization | None:
        """The unexpired pending authorization, or None."""

    @abc.abstractmethod
    def forget(self, pending_id: str) -> bool:
        """Remove the pending authorization; True for the one caller that removed it."""

    @abc.abstractmethod
    def put_code(self, code: IssuedCode) -> None:
        """Keep a code until its expiry."""

    @abc.abstractmethod
    def take_code(self, digest: str, now: datetime) -> IssuedCode | None:
        """The unexpired code, removed in the same step: of concurrent takers one gets it."""

    @abc.abstractmethod
    def put_token(self, token: IssuedToken) -> None:
        """Keep a token until its expiry."""

    @abc.abstractmethod
    def token(self, digest: str, kind: str, now: datetime) -> IssuedToken | None:
        """The unexpired token of that kind, or None."""

    @abc.abstractmethod
    def take_token(self, digest: str, kind: str, now: datetime) -> IssuedToken | None:
        """The unexpired token, removed in the same step (a refresh token rotates once)."""

    @abc.abstractmethod
    def connect(self, connection: Connection) -> None:
        """Store the owner's connection of the app, replacing an earlier one."""

    @abc.abstractmethod
    def connection(self, owner_id: str, app_id: str) -> Connection | None:
        """The owner's current connection of the app, or None."""

    @abc.abstractmethod
    def disconnect(self, owner_id: str, app_id: str) -> None:
        """End the connection: tokens of its generation are refused from then on, and those it
        names are deleted."""


class Subscriptions(abc.ABC):
    """Apps' endpoints, who may hear of which owner's changes, and messages that failed."""

    @abc.abstractmethod
    def subscribe(self, subscription: Subscription) -> None:
        """Store the app's one endpoint, replacing an earlier one."""

    @abc.abstractmethod
    def get(self, app_id: str) -> Subscription | None:
        """The app's subscription, or None."""

    @abc.abstractmethod
    def unsubscribe(self, app_id: str) -> None:
        """Remove the app's subscription; none: nothing happens."""

    @abc.abstractmethod
    def watch(self, watch: Watch) -> None:
        """The owner's grant to the app, as the intake reads it (replacing an earlier one)."""

    @abc.abstractmethod
    def unwatch(self, owner_id: str, app_id: str) -> None:
        """The owner's grant to the app ended."""

    @abc.abstractmethod
    def watching(self, owner_ids: Iterable[str]) -> list[Watch]:
        """Every grant of these owners: one read, whatever their number (the intake asks once
        a batch)."""

    @abc.abstractmethod
    def keep_failed(self, message: WebhookMessage) -> None:
        """Keep a message whose 24 hours of retries are over, for the administrator."""

    @abc.abstractmethod
    def failed(self) -> list[WebhookMessage]:
        """The failed messages, oldest first."""

    @abc.abstractmethod
    def take_failed(self, message_id: str) -> WebhookMessage | None:
        """Remove a failed message (to replay it), or None."""


class RateLimiter(abc.ABC):
    @abc.abstractmethod
    def take(self, key: str, limit: int, window: timedelta, now: datetime) -> Allowance:
        """Count one request of `key` in the fixed window holding `now`; allowed while the count
        is at most `limit`. Concurrent takers each count once."""


class WebhookSender(abc.ABC):
    @abc.abstractmethod
    def send(self, url: str, secret: str, message: WebhookMessage, now: datetime) -> None:
        """POST the message to the endpoint, signed with the subscription's secret (Standard
        Webhooks: id, timestamp `now`, HMAC-SHA256), following no redirect, within a few
        seconds. Raises DeliveryFailed (with the reason) unless the endpoint answered 2xx."""

    @abc.abstractmethod
    def challenge(self, url: str, challenge: str) -> bool:
        """Whether the endpoint echoes the challenge (the subscription's verification)."""


class DeliveryFailed(Exception):
    """A webhook message did not arrive; its reason is kept for the administrator."""


class OwnerSignIn(abc.ABC):
    """The cloud's identity provider signing an owner in for Pawtrack's authorization server."""

    @abc.abstractmethod
    def sign_in_url(self, state: str) -> str:
        """Where to send the owner's browser to sign in; the provider returns to Pawtrack's
        login endpoint (/oauth/login) with a code and `state`."""

    @abc.abstractmethod
    def owner_of(self, code: str) -> str:
        """The owner's id, from the provider's code. Raises Unauthenticated for a bad code."""


@attrs.frozen
class OAuthAnswer:
    """An OAuth endpoint's answer: status, JSON body (or a redirect's empty body), headers."""

    status: int
    body: dict[str, object]
    headers: Mapping[str, str]


class OAuthServer(abc.ABC):
    """The OAuth 2 authorization server (RFC 6749, RFC 7636 S256 only, RFC 7009)."""

    @abc.abstractmethod
    def check_authorization(self, params: Mapping[str, str]) -> OAuthAnswer | None:
        """None for a valid authorization request; else the answer: an error redirect to the
        app's checked redirect URI, or 400 when the client or redirect URI cannot be trusted."""

    @abc.abstractmethod
    def authorize(
        self, params: Mapping[str, str], owner_id: str, scopes: frozenset[Scope], generation: str
    ) -> OAuthAnswer:
        """Issue a code for the owner's consent: a 302 to the app's redirect URI."""

    @abc.abstractmethod
    def deny(self, params: Mapping[str, str]) -> OAuthAnswer:
        """The owner refused: `access_denied` at the app's checked redirect URI."""

    @abc.abstractmethod
    def token(self, form: Mapping[str, str], headers: Mapping[str, str]) -> OAuthAnswer:
        """The token endpoint: authorization_code (client authentication and verifier) and
        refresh_token (rotating)."""

    @abc.abstractmethod
    def revoke(self, form: Mapping[str, str], headers: Mapping[str, str]) -> OAuthAnswer:
        """The revocation endpoint (RFC 7009)."""
