"""The full-jitter backoff of the adapters' own retries: waits within the exponential ceiling."""

from __future__ import annotations

import random

from adapters.backoff import Backoff


def test_waits_are_full_jitter_under_an_exponential_ceiling_and_the_cap() -> None:
    backoff = Backoff(base=0.01, cap=0.5)
    random.seed(7)
    for attempt, ceiling in ((0, 0.01), (3, 0.08), (10, 0.5)):
        waits = [backoff.wait(attempt) for _ in range(200)]
        assert all(0 <= wait <= ceiling for wait in waits)
        assert max(waits) > ceiling / 2  # spread over the whole range, not pinned to it
