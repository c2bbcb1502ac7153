"""The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers): what a counted
request's limit allows, on its answer whatever the handler answered, and on a 429."""

from __future__ import annotations

import contextvars

from domain.limits import Allowance

_current: contextvars.ContextVar[Allowance | None] = contextvars.ContextVar(
    "pawtrack_allowance", default=None
)


def counted(allowance: Allowance | None) -> None:
    """Remember the request's allowance for its answer's headers."""
    _current.set(allowance)


def taken() -> Allowance | None:
    """The request's allowance, forgotten for the next request of this context."""
    found = _current.get()
    _current.set(None)
    return found


def rate_limit_headers(limit: int, remaining: int, reset_seconds: int) -> dict[str, str]:
    return {
        "ratelimit-policy": f'"default";q={limit};w=60',
        "ratelimit": f'"default";r={remaining};t={reset_seconds}',
    }
