from __future__ import annotations

import attrs

from application.authorization import require_admin
from application.ports.clock import Clock
from application.ports.quarantine import QuarantineStore
from domain.access import Caller
from domain.quarantine import QuarantinedReading


@attrs.frozen
class ListQuarantineQuery:
    caller: Caller
    tracker: str | None = None


class ListQuarantine:
    """Readings kept aside in the last 14 days, for administrators."""

    def __init__(self, quarantine: QuarantineStore, clock: Clock) -> None:
        self._quarantine, self._clock = quarantine, clock

    def __call__(self, query: ListQuarantineQuery) -> list[QuarantinedReading]:
        require_admin(query.caller)
        return self._quarantine.list(self._clock.now(), query.tracker)
