"""Third-party apps as a platform: a developer's request to register an app, an owner's
connection of an app (the OAuth grant's life), and what a subscribed app is told."""

from __future__ import annotations

import enum
import hashlib
import ipaddress
import re
import uuid
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

import attrs

from domain.access import Scope
from domain.errors import Conflict, InvalidInput
from domain.values import text

REQUEST_LIFETIME = timedelta(days=7)
MAX_KEPT_TOKENS = 20
ACCESS_TOKEN_PREFIX = "pat_"  # Pawtrack's opaque access tokens; JWTs start with "ey"
REFRESH_TOKEN_PREFIX = "prt_"
# When an app last read is written at most this often: a write on every request would cost
# a write unit per read.
LAST_READ_EVERY = timedelta(minutes=5)
DEFAULT_REQUESTS_PER_MINUTE = 600
URI_TEXT = re.compile(r"[\x21-\x7e]+")  # visible ASCII: what RFC 3986 lets a URI hold
MAX_REDIRECT_URIS = 10


class RequestState(enum.Enum):
    PENDING = "pending"
    REGISTERED = "registered"
    REFUSED = "refused"


def redirect_uri(value: object) -> str:
    """An app's redirect URI: https, or http on 127.0.0.1 for development (RFC 8252's loopback),
    absolute, without a fragment or credentials. Matched exactly, so kept exactly as given."""
    if not isinstance(value, str) or len(value) > 500 or not URI_TEXT.fullmatch(value):
        raise InvalidInput(
            "redirect_uris", "a redirect URI is at most 500 visible ASCII characters"
        )
    parts = urlsplit(value)
    try:
        parts.port  # noqa: B018 (urlsplit checks the port only when asked)
    except ValueError as error:
        raise InvalidInput("redirect_uris", "a redirect URI's port is 0 to 65535") from error
    loopback = parts.scheme == "http" and parts.hostname == "127.0.0.1"
    if not (parts.scheme == "https" or loopback) or not parts.hostname:
        raise InvalidInput("redirect_uris", "a redirect URI is https (or http on 127.0.0.1)")
    if parts.fragment or parts.username or parts.password or "#" in value:
        raise InvalidInput("redirect_uris", "a redirect URI has no fragment and no credentials")
    return value


def redirect_uris(values: object) -> tuple[str, ...]:
    if not isinstance(values, list | tuple) or not 1 <= len(values) <= MAX_REDIRECT_URIS:
        raise InvalidInput("redirect_uris", f"give 1 to {MAX_REDIRECT_URIS} redirect URIs")
    return tuple(dict.fromkeys(redirect_uri(value) for value in values))


def requests_per_minute(value: object) -> int:
    if value is None:
        return DEFAULT_REQUESTS_PER_MINUTE
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 100_000:
        raise InvalidInput("requests_per_minute", "a limit is 1 to 100000 requests a minute")
    return value


@attrs.frozen
class AppRequest:
    """A developer's request to register an app, waiting for an administrator's decision; a
    request nobody decides on is refused after REQUEST_LIFETIME."""

    id: str
    name: str
    redirect_uris: tuple[str, ...]
    contact: str
    requests_per_minute: int
    requested_at: datetime
    state: RequestState = RequestState.PENDING
    app_id: str | None = None  # once registered: the client id the identity provider gave it
    secret_digest: str = ""  # of the client secret the developer was given with the request

    @classmethod
    def new(
        cls,
        name: object,
        uris: object,
        contact: object,
        limit: object,
        now: datetime,
        secret_digest: str,
    ) -> AppRequest:
        return cls(
            uuid.uuid4().hex,
            text(name, "name", 100),
            redirect_uris(uris),
            text(contact, "contact", 200),
            requests_per_minute(limit),
            now,
            secret_digest=secret_digest,
        )

    @property
    def deadline(self) -> datetime:
        return self.requested_at + REQUEST_LIFETIME

    def current(self, now: datetime) -> AppRequest:
        """The request as it stands at `now`: a pending one past its deadline is refused."""
        if self.state is RequestState.PENDING and now >= self.deadline:
            return attrs.evolve(self, state=RequestState.REFUSED)
        return self

    def decided(self, approve: bool, app_id: str | None, now: datetime) -> AppRequest:
        if self.current(now).state is not RequestState.PENDING:
            raise Conflict(f"the request is {self.current(now).state.value} already")
        state = RequestState.REGISTERED if approve else RequestState.REFUSED
        return attrs.evolve(self, state=state, app_id=app_id)


@attrs.frozen
class Connection:
    """An owner's connection of an app through OAuth: when it began and when the app last read.
    `generation` names this connection: tokens of an earlier one (revoked, then connected again)
    are refused."""

    owner_id: str
    app_id: str
    connected_at: datetime
    generation: str
    last_read: datetime | None = None
    # The tokens issued to the app for this connection ("access:<digest>", "refresh:<digest>"),
    # the newest MAX_KEPT_TOKENS: ending the connection deletes them, not only refuses them.
    tokens: tuple[str, ...] = ()

    @classmethod
    def begin(cls, owner_id: str, app_id: str, now: datetime) -> Connection:
        return cls(owner_id, app_id, now, uuid.uuid4().hex)

    def issued(self, *tokens: str) -> Connection:
        return attrs.evolve(self, tokens=(*self.tokens, *tokens)[-MAX_KEPT_TOKENS:])


@attrs.frozen
class Subscription:
    """An app's one https endpoint for change messages, verified by a challenge. Its signing
    secret (Standard Webhooks, `whsec_` + base64) is in the secret store, under `secret_name`."""

    app_id: str
    url: str
    created_at: datetime

    @property
    def secret_name(self) -> str:
        return webhook_secret_name(self.app_id)


def webhook_secret_name(app_id: str) -> str:
    """Letters, digits and dashes, as every secret store takes them."""
    return "webhook-" + re.sub(r"[^A-Za-z0-9-]", "-", app_id)


@attrs.frozen
class Watch:
    """An owner's grant as the intake reads it: which app may hear of which changes."""

    owner_id: str
    app_id: str
    scopes: frozenset[Scope]


class ChangeKind(enum.Enum):
    ACTIVITY = "activity-changed"
    LOCATION = "location-changed"
    REVOKED = "access-revoked"


SCOPE_OF = {ChangeKind.ACTIVITY: Scope.ACTIVITY, ChangeKind.LOCATION: Scope.LOCATION}


@attrs.frozen
class Change:
    """What changed, never the data: the app reads it with its token, under its grant."""

    kind: ChangeKind
    owner_id: str
    pet_id: str | None = None
    day: date | None = None

    def heard_by(self, watch: Watch) -> bool:
        scope = SCOPE_OF.get(self.kind)
        return watch.owner_id == self.owner_id and (scope is None or scope in watch.scopes)

    def data(self) -> dict[str, str]:
        found = {"owner_id": self.owner_id}
        if self.pet_id is not None:
            found["pet_id"] = self.pet_id
        if self.day is not None:
            found["day"] = self.day.isoformat()
        return found


@attrs.frozen
class WebhookMessage:
    """One message to one app, retried with backoff until `first_tried` + 24 hours."""

    id: str
    app_id: str
    kind: str
    data: dict[str, str]
    created_at: datetime
    attempts: int = 0
    last_error: str = ""

    @classmethod
    def of(cls, app_id: str, change: Change, now: datetime) -> WebhookMessage:
        return cls(f"msg_{uuid.uuid4().hex}", app_id, change.kind.value, change.data(), now)

    def body(self) -> dict[str, object]:
        return {"type": self.kind, "timestamp": self.created_at.isoformat(), "data": self.data}


RETRY_FOR = timedelta(hours=24)
FIRST_RETRY = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=2)


def next_try(message: WebhookMessage, now: datetime) -> timedelta | None:
    """How long to wait before trying the message again (30 s, doubling, at most 2 hours), or
    None when its 24 hours are over: it is kept as failed for the administrator."""
    wait = min(FIRST_RETRY * (1 << max(message.attempts - 1, 0)), LONGEST_WAIT)
    if now + wait > message.created_at + RETRY_FOR:
        return None
    return wait


def endpoint_url(value: object, allow_loopback: bool) -> str:
    """A subscription endpoint: https on a public host name or address. Loopback and private
    addresses only where the deployment allows them (a laptop; never the clouds' default)."""
    if not isinstance(value, str) or len(value) > 500 or not URI_TEXT.fullmatch(value):
        raise InvalidInput("url", "the endpoint is a URL of at most 500 visible ASCII characters")
    parts = urlsplit(value)
    try:
        parts.port  # noqa: B018
    except ValueError as error:
        raise InvalidInput("url", "the endpoint's port is 0 to 65535") from error
    if parts.username or parts.password or parts.fragment or not parts.hostname:
        raise InvalidInput("url", "the endpoint has a host, no credentials and no fragment")
    if parts.scheme != "https" and not (allow_loopback and parts.scheme == "http"):
        raise InvalidInput("url", "the endpoint must be https")
    if not allow_loopback and not public_host(parts.hostname):
        raise InvalidInput("url", "the endpoint must be a public host")
    return value


def public_host(host: str) -> bool:
    """Whether a host name or address may be called from the clouds: not loopback, private,
    link-local (the metadata services), multicast, reserved or unspecified."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        lowered = host.lower().rstrip(".")
        return lowered not in ("localhost",) and not lowered.endswith((".localhost", ".internal"))
    return public_address(address)


def public_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def chosen_scopes(values: Iterable[object]) -> frozenset[Scope]:
    return Scope.parse_all(values)


def digest(secret: str) -> str:
    """How secrets and tokens are kept: their SHA-256, never the value."""
    return hashlib.sha256(secret.encode()).hexdigest()
