from __future__ import annotations

from datetime import datetime

import attrs

from application.ports.activity import ActivityLedger
from application.ports.trackers import TrackerRepository
from domain.access import Caller
from domain.errors import NotFound
from domain.trackers import Tracker


@attrs.frozen
class GetTrackerQuery:
    caller: Caller
    serial: str


@attrs.frozen
class TrackerStatus:
    """A tracker's pairing, the battery of its pet's newest reading that reported one, and the
    time of the newest reading (None: none yet)."""

    tracker: Tracker
    battery: int | None
    last_reading_at: datetime | None

    @property
    def pet_id(self) -> str:
        return self.tracker.pet_id


class GetTracker:
    """Which pet a tracker is paired with, its battery and when it last reported, for the owner
    of that pet only. Read from the pet's newest days in the ledger (the signals recommendations
    read): the readings the tracker counted for this pet."""

    def __init__(self, trackers: TrackerRepository, ledger: ActivityLedger) -> None:
        self._trackers, self._ledger = trackers, ledger

    def __call__(self, query: GetTrackerQuery) -> TrackerStatus:
        tracker = self._trackers.get(query.serial)
        if tracker is None or query.caller.is_app or tracker.owner_id != query.caller.user_id:
            raise NotFound("there is no such tracker")
        signals = self._ledger.signals(tracker.pet_id)
        return TrackerStatus(tracker, signals.last_battery, signals.last_reading_at)
