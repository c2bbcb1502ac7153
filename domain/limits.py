"""Fixed windows of requests: which window an instant is in, and what a count in it allows."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import attrs

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MINUTE = timedelta(minutes=1)


@attrs.frozen
class Allowance:
    """A limiter's answer: whether the request may go on, what is left of the window, and the
    seconds until the window resets (RFC 9110's Retry-After; the IETF RateLimit fields)."""

    allowed: bool
    limit: int
    remaining: int
    reset_seconds: int


def window_start(now: datetime, window: timedelta) -> datetime:
    """The start of the fixed window holding `now` (windows are aligned on the epoch)."""
    elapsed = (now - EPOCH) // window
    return EPOCH + elapsed * window


def allowance(count: int, limit: int, window_end: datetime, now: datetime) -> Allowance:
    """What the `count`th request of a window allows."""
    reset = max(1, math.ceil((window_end - now).total_seconds()))
    return Allowance(count <= limit, limit, max(limit - count, 0), reset)
