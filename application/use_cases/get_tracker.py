from __future__ import annotations

import attrs

from application.ports.trackers import TrackerRepository
from domain.access import Caller
from domain.errors import NotFound
from domain.trackers import Tracker


@attrs.frozen
class GetTrackerQuery:
    caller: Caller
    serial: str


class GetTracker:
    """Which pet a tracker is paired with, for the owner of that pet only."""

    def __init__(self, trackers: TrackerRepository) -> None:
        self._trackers = trackers

    def __call__(self, query: GetTrackerQuery) -> Tracker:
        tracker = self._trackers.get(query.serial)
        if tracker is None or query.caller.is_app or tracker.owner_id != query.caller.user_id:
            raise NotFound("there is no such tracker")
        return tracker
