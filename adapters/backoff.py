"""Exponential backoff with full jitter, for the retries that no SDK makes for us.

The SDKs retry throttling and transient faults on their own (botocore's standard mode,
azure-core's retry policy). What they cannot retry is ours: a DynamoDB batch that left
items unprocessed, a transaction cancelled by a concurrent writer, a Tables ETag that
moved. Each of those loops changes its request between attempts (what is left, what was
taken meanwhile), so it keeps its own loop and asks this only how long to wait.

Full jitter (a uniform wait between 0 and the exponential ceiling) spreads colliding
writers out best. tenacity's `wait_random_exponential` is the same formula; it was not
worth a dependency for one line (about 35 ms of imports in a cold process, 6 to 10 ms
more on top of the SDK's).
"""

from __future__ import annotations

import random
import time

import attrs


@attrs.frozen
class Backoff:
    """Waits of up to `base` * 2**attempt seconds, never more than `cap`."""

    base: float
    cap: float

    def wait(self, attempt: int) -> float:
        return random.uniform(0, min(self.cap, self.base * 2**attempt))

    def pause(self, attempt: int) -> None:
        """Sleep before attempt number `attempt` + 1."""
        time.sleep(self.wait(attempt))
