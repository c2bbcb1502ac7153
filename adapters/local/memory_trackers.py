from __future__ import annotations

import threading
from collections.abc import Collection

from application.ports.trackers import TrackerRepository
from domain.errors import Conflict
from domain.trackers import Tracker


class InMemoryTrackerRepository(TrackerRepository):
    def __init__(self) -> None:
        self._trackers: dict[str, Tracker] = {}
        self._lock = threading.Lock()

    def get(self, serial: str) -> Tracker | None:
        return self._trackers.get(serial)

    def get_many(self, serials: Collection[str]) -> dict[str, Tracker]:
        found = {serial: self._trackers.get(serial) for serial in serials}
        return {serial: tracker for serial, tracker in found.items() if tracker is not None}

    def of_pet(self, pet_id: str) -> list[Tracker]:
        return sorted(
            (t for t in self._trackers.values() if t.pet_id == pet_id), key=lambda t: t.serial
        )

    def save(self, tracker: Tracker) -> None:
        with self._lock:
            stored = self._trackers.get(tracker.serial)
            stored_version = stored.version if stored else 0
            if stored_version != tracker.version - 1:
                raise Conflict(f"tracker {tracker.serial!r} changed meanwhile")
            self._trackers[tracker.serial] = tracker

    def remove(self, serial: str) -> None:
        with self._lock:
            self._trackers.pop(serial, None)
