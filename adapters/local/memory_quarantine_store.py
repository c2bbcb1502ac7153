"""The quarantine, in memory."""

from __future__ import annotations

from datetime import datetime

from application.ports.quarantine import QuarantineStore
from domain.quarantine import QuarantinedReading


class InMemoryQuarantineStore(QuarantineStore):
    def __init__(self) -> None:
        self._entries: dict[str, QuarantinedReading] = {}

    def keep(self, entry: QuarantinedReading) -> None:
        self._entries.setdefault(entry.id, entry)

    def purge(self, now: datetime) -> int:
        expired = [id for id, entry in self._entries.items() if entry.expires_at <= now]
        for id in expired:
            del self._entries[id]
        return len(expired)

    def list(self, now: datetime, tracker: str | None = None) -> list[QuarantinedReading]:
        kept = [e for e in self._entries.values() if e.expires_at > now]
        return sorted(
            (e for e in kept if tracker in (None, e.tracker)), key=lambda e: (e.received_at, e.id)
        )

    def forget(self, tracker: str) -> None:
        for id in [id for id, entry in self._entries.items() if entry.tracker == tracker]:
            del self._entries[id]
