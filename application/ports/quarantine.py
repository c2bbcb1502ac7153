from __future__ import annotations

import abc
from datetime import datetime

from domain.quarantine import QuarantinedReading


class QuarantineStore(abc.ABC):
    @abc.abstractmethod
    def keep(self, entry: QuarantinedReading) -> None:
        """Keep the entry until its expiry; keeping the same id again changes nothing."""

    @abc.abstractmethod
    def list(self, now: datetime, tracker: str | None = None) -> list[QuarantinedReading]:
        """Entries not yet expired at `now`, of one tracker or of all, oldest first."""

    @abc.abstractmethod
    def purge(self, now: datetime) -> int:
        """Delete for good the entries expired at `now`; how many went. Entries not expired stay."""

    @abc.abstractmethod
    def forget(self, tracker: str) -> None:
        """Delete every entry of the tracker, expired or not. None: nothing happens."""
