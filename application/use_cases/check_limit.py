from __future__ import annotations

import attrs

from application.ports.access import AppRegistry
from application.ports.apps import RateLimiter
from application.ports.clock import Clock
from domain.access import Caller
from domain.errors import TooManyRequests
from domain.limits import MINUTE, Allowance

INGEST_REQUESTS_PER_MINUTE = 6000


@attrs.frozen
class LimitQuery:
    """Whose requests to count: an app's (acting for any owner), or an ingest key's."""

    caller: Caller | None = None
    api_key_prefix: str | None = None


class CheckLimit:
    """Counts the request against its app's limit (set at registration) or its ingest key's;
    over it: TooManyRequests with the seconds to wait. Owners in person are not limited here."""

    def __init__(
        self, apps: AppRegistry, limiter: RateLimiter, clock: Clock, ingest_limit: int
    ) -> None:
        self._apps, self._limiter, self._clock = apps, limiter, clock
        self._ingest_limit = ingest_limit

    def __call__(self, query: LimitQuery) -> Allowance | None:
        if query.caller is not None and query.caller.app_id is not None:
            app = self._apps.get(query.caller.app_id)
            limit = app.terms.requests_per_minute if app else 1
            key = f"app:{query.caller.app_id}"
        elif query.api_key_prefix is not None:
            limit, key = self._ingest_limit, f"key:{query.api_key_prefix}"
        else:
            return None
        allowed = self._limiter.take(key, limit, MINUTE, self._clock.now())
        if not allowed.allowed:
            raise TooManyRequests(
                f"more than {limit} requests a minute", limit, allowed.reset_seconds
            )
        return allowed
