"""One tracker's deliveries of a batch: their readings grouped by pet-day, and what became of each
delivery's readings once the ledger recorded the groups."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date

import attrs

from application.ports.activity import Conflicting, DayReadings, Recorded
from domain.clockwork import local_day
from domain.readings import DeliveryReport, Reading, Rejection
from domain.trackers import Counting, PetDay, Tracker

Refused = tuple[Rejection, object]  # a refused reading, and what the tracker sent


@attrs.frozen
class Delivery:
    """What one delivery of a tracker brought: its valid readings, and those refused (each with
    what the tracker sent). `origin` names a delivery that may come again whole (a bundle)."""

    serial: str
    readings: tuple[Reading, ...]
    refused: tuple[Refused, ...] = ()
    origin: str | None = None


class Tally:
    """The readings of `deliveries` (one tracker's, by their index in the batch) by pet-day, and
    per delivery: accepted (new, or the origin's own again), conflicting and the rest."""

    def __init__(self, deliveries: Sequence[tuple[int, Delivery]]) -> None:
        self._of: dict[int, int] = {}  # id of a reading object → index of its delivery
        self._sent: Counter[int] = Counter()
        self._deliveries = deliveries
        for index, delivery in deliveries:
            self._sent[index] = len(delivery.readings)
            self._of |= {id(reading): index for reading in delivery.readings}
        self._accepted: Counter[int] = Counter()
        self.conflicts: list[Conflicting] = []

    def groups(self, tracker: Tracker, counting: Counting) -> list[DayReadings]:
        """One DayReadings per origin and day in the owner's zone, days in order."""
        found: dict[tuple[str | None, date], list[Reading]] = defaultdict(list)
        for _, delivery in self._deliveries:
            for reading in delivery.readings:
                found[(delivery.origin, local_day(reading.time, counting.time_zone))].append(
                    reading
                )
        return [
            DayReadings(
                tracker.serial,
                tracker.pet_id,
                day,
                counting.time_zone,
                tuple(readings),
                origin,
                _elsewhere(tracker, day, readings),
            )
            for (origin, day), readings in sorted(found.items(), key=lambda item: item[0][1])
        ]

    def count(self, recorded: Recorded) -> None:
        """What the ledger made of one group."""
        for reading in (*recorded.new, *recorded.redelivered):
            self._accepted[self._of[id(reading)]] += 1
        self.conflicts += recorded.conflicts

    def reports(self) -> dict[int, DeliveryReport]:
        quarantined = Counter(self._of[id(c.reading)] for c in self.conflicts)
        return {
            index: DeliveryReport(
                accepted=self._accepted[index],
                duplicates=self._sent[index] - self._accepted[index] - quarantined[index],
                quarantined=quarantined[index],
                conflicting=quarantined[index],
            )
            for index, _ in self._deliveries
        }


def _elsewhere(tracker: Tracker, day: date, readings: list[Reading]) -> tuple[PetDay, ...]:
    if not tracker.earlier:
        return ()
    places = (tracker.elsewhere(r.time, tracker.pet_id, day) for r in readings)
    return tuple(dict.fromkeys(place for found in places for place in found))
