from __future__ import annotations

from application.ports.clock import Clock
from application.ports.quarantine import QuarantineStore


class PurgeQuarantine:
    """Forgets the readings kept aside more than 14 days ago, where no store expiry does it
    (Azure Tables; DynamoDB's TTL and this purge may both act, harmlessly)."""

    def __init__(self, quarantine: QuarantineStore, clock: Clock) -> None:
        self._quarantine, self._clock = quarantine, clock

    def __call__(self) -> int:
        return self._quarantine.purge(self._clock.now())
