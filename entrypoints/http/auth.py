"""Who is calling: a bearer token for people and the apps they let in, an API key for machines."""

from __future__ import annotations

from typing import TYPE_CHECKING

from application.use_cases.authenticate import AuthenticateQuery
from application.use_cases.check_api_key import CheckApiKeyQuery
from application.use_cases.check_limit import LimitQuery
from domain.access import Caller
from domain.api_keys import ApiKey, Purpose
from entrypoints.http.limits import counted
from entrypoints.http.messages import HttpRequest

if TYPE_CHECKING:
    from entrypoints.wiring import Container

API_KEY_HEADER = "x-api-key"


def bearer_token(request: HttpRequest) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").strip().partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def caller(container: Container, request: HttpRequest, *, erasing: bool = False) -> Caller:
    """The caller of the bearer token; Unauthenticated (401) without a valid one, or with one
    of an erased account (`erasing`: but for asking again to erase it). An app's request counts
    against its limit: over it, TooManyRequests (429)."""
    who = container.authenticate()(AuthenticateQuery(bearer_token(request), erasing))
    if who.is_app:
        counted(container.check_limit()(LimitQuery(caller=who)))
    return who


def api_key(container: Container, request: HttpRequest, purpose: Purpose) -> ApiKey:
    """The valid key for `purpose` in X-Api-Key; Unauthenticated (401) otherwise. An ingest
    key's request counts against the ingest limit: over it, TooManyRequests (429)."""
    key = container.check_api_key()(CheckApiKeyQuery(request.headers.get(API_KEY_HEADER), purpose))
    if purpose is Purpose.INGEST:
        counted(container.check_limit()(LimitQuery(api_key_prefix=key.prefix)))
    return key
