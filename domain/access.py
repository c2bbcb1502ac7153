"""Who may do what: owners, the apps they let in, administrators."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable
from datetime import datetime

import attrs

from domain.errors import InvalidInput
from domain.values import text


class Scope(enum.Enum):
    ACTIVITY = "activity:read"
    LOCATION = "location:read"
    PROFILE = "profile:read"

    @classmethod
    def parse_all(cls, values: Iterable[object]) -> frozenset[Scope]:
        scopes = set()
        for value in values:
            try:
                scopes.add(cls(value))
            except ValueError as error:
                known = ", ".join(scope.value for scope in cls)
                raise InvalidInput("scopes", f"unknown scope {value!r}; known: {known}") from error
        if not scopes:
            raise InvalidInput("scopes", "grant at least one scope")
        return frozenset(scopes)


@attrs.frozen
class Caller:
    """Who is calling: a user, an app acting for that user, or an administrator."""

    user_id: str
    app_id: str | None = None
    is_admin: bool = False

    @property
    def is_app(self) -> bool:
        return self.app_id is not None


@attrs.frozen
class User:
    id: str
    name: str
    is_admin: bool = False


@attrs.frozen
class AppTerms:
    """What an app was registered with: its exact redirect URIs, its limit of requests a minute,
    the SHA-256 digest of its client secret (none for apps an administrator registered)."""

    redirect_uris: tuple[str, ...] = ()
    requests_per_minute: int = 600
    secret_digest: str = ""


@attrs.frozen
class App:
    """A third-party application; `id` is the client id its tokens carry. Apps registered
    through a developer's request also have their exact redirect URIs, their request limit per
    minute and the digest of their client secret (`terms`)."""

    id: str
    name: str
    terms: AppTerms = attrs.field(factory=lambda: AppTerms())

    @classmethod
    def register(cls, name: str) -> App:
        return cls(uuid.uuid4().hex, text(name, "name", 100))


@attrs.frozen
class Grant:
    owner_id: str
    app_id: str
    scopes: frozenset[Scope]


@attrs.frozen
class AppAccess:
    """An app and what the owner's grant lets it read; for an app connected through OAuth,
    when it connected and last read, and whether it is subscribed to changes."""

    app: App
    grant: Grant
    connected_at: datetime | None = None
    last_read: datetime | None = None
    subscribed: bool = False


def may_read(caller: Caller, owner_id: str, scope: Scope, grant: Grant | None) -> bool:
    """An owner reads all of their own data; an app only what its grant from that owner allows."""
    if caller.user_id != owner_id:
        return False
    if not caller.is_app:
        return True
    if grant is None or grant.owner_id != owner_id or grant.app_id != caller.app_id:
        return False
    return scope in grant.scopes
