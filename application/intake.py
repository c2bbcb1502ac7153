"""Where every reading comes in, whichever way it came (MQTT, bundle or HTTP), one delivery or
a batch of many trackers' deliveries at once (application/tally.py groups them)."""

from __future__ import annotations

import contextlib
import logging
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime

import attrs

from application import tracing
from application.announcing import Announcer
from application.ports.activity import ActivityLedger, DayReadings, Recorded
from application.ports.clock import Clock
from application.ports.owners import OwnerRepository
from application.ports.pets import PetRepository
from application.ports.quarantine import QuarantineStore
from application.ports.trackers import TrackerRepository
from application.tally import Delivery, Refused, Tally
from application.zone_watch import ZoneWatch
from domain.announcements import ActivityUpdated, Announcement, BatteryLow, GoalReached
from domain.clockwork import format_instant
from domain.errors import Conflict
from domain.quarantine import QuarantinedReading
from domain.readings import DeliveryReport, Position, Reading
from domain.trackers import BatteryAlert, Counting, Tracker

PetDay = tuple[str, str, date]  # (owner, pet, day)

NOT_PAIRED = "the tracker is not paired with a pet"
CONFLICT = "conflict"
MAX_ATTEMPTS = 5

log = logging.getLogger(__name__)

__all__ = ["Delivery", "Failed", "ReadingIntake", "Refused", "Taken"]


@attrs.frozen
class Failed:
    """A delivery that could not be recorded (a store failed): it should come again. Whatever
    it recorded before the failure stays, counted once."""

    error: Exception


@attrs.frozen
class Taken:
    """What became of one delivery of a batch, and what it concerned: the ids of its tracker,
    and of the pet and owner the tracker counts for (none when it is not paired)."""

    outcome: DeliveryReport | Failed
    ids: dict[str, str]


class ReadingIntake:
    """Counts new readings once, keeps everything else in quarantine, and announces what changed."""

    def __init__(
        self,
        trackers: TrackerRepository,
        pets: PetRepository,
        owners: OwnerRepository,
        ledger: ActivityLedger,
        quarantine: QuarantineStore,
        announcer: Announcer,
        clock: Clock,
    ) -> None:
        self._trackers, self._pets, self._owners = trackers, pets, owners
        self._ledger, self._quarantine = ledger, quarantine
        self._announcer, self._clock = announcer, clock

    def take(
        self,
        serial: str,
        readings: Sequence[Reading],
        refused: Sequence[Refused],
        origin: str | None = None,
    ) -> DeliveryReport:
        """What became of each reading of one delivery; raises when it could not be recorded. A
        delivery with an `origin` (a bundle) that comes again gets the same report: the readings
        it stored before still count as its accepted ones."""
        (taken,) = self.take_all([Delivery(serial, tuple(readings), tuple(refused), origin)])
        tracing.annotate(**taken.ids)
        if isinstance(taken.outcome, Failed):
            raise taken.outcome.error
        return taken.outcome

    def take_all(self, deliveries: Sequence[Delivery]) -> list[Taken]:
        """What became of each delivery, in order. One tracker's failure fails its deliveries
        only; the others are recorded. What a tracker's deliveries announce names the tracker,
        its pet and owner (`tracing.concerning`), whatever else the batch holds."""
        now = self._clock.now()
        outcomes: list[DeliveryReport | Failed] = [self._refuse(d, now) for d in deliveries]
        batches: dict[str, list[tuple[int, Delivery]]] = defaultdict(list)
        for index, delivery in enumerate(deliveries):
            if delivery.readings:
                batches[delivery.serial].append((index, delivery))
        trackers = self._trackers.get_many(batches) if batches else {}
        updates: list[ActivityUpdated] = []
        places: list[PetDay] = []
        for serial, batch in batches.items():
            tracker = trackers.get(serial)
            with tracing.concerning(**_ids(serial, tracker)):
                try:
                    taken = self._take_tracker(tracker, batch, now, updates, places)
                except Exception as error:
                    log.warning("deliveries of tracker %r failed: %r", serial, error)
                    taken = dict.fromkeys((index for index, _ in batch), Failed(error))
            for index, outcome in taken.items():
                outcomes[index] = _joined(outcomes[index], outcome)
        self._announcer.show_live(updates)
        self._announcer.tell_apps(updates, places)
        return [
            Taken(outcome, _ids(delivery.serial, trackers.get(delivery.serial)))
            for delivery, outcome in zip(deliveries, outcomes, strict=True)
        ]

    def _refuse(self, delivery: Delivery, now: datetime) -> DeliveryReport:
        for rejection, raw in delivery.refused:
            self._keep_aside(delivery.serial, raw, rejection.reason, rejection.field, now)
        return DeliveryReport(rejected=tuple(rejection for rejection, _ in delivery.refused))

    def _take_tracker(
        self,
        tracker: Tracker | None,
        batch: list[tuple[int, Delivery]],
        now: datetime,
        updates: list[ActivityUpdated],
        places: list[PetDay],
    ) -> dict[int, DeliveryReport | Failed]:
        counting = self._counting(tracker, now) if tracker is not None else None
        if tracker is None or counting is None:
            return self._unpaired(batch, now)
        tally, announcements, levels = Tally(batch), list[Announcement](), []
        zone, sent = ZoneWatch(self._ledger, tracker, counting), list[Reading]()
        zone.look_before(reading for _, delivery in batch for reading in delivery.readings)
        for day in tally.groups(tracker, counting):
            recorded = self._ledger.record(day)
            tally.count(recorded)
            announcements += _goal(tracker, counting, day, recorded)
            updates += _moved(tracker, day, recorded)
            places += _located(tracker, day, recorded)
            levels += _batteries(day, recorded)
            sent += _unconflicted(day, recorded)
        announcements += zone.departures(sent)
        for conflict in tally.conflicts:
            raw = conflict.reading.to_raw()
            self._keep_aside(tracker.serial, raw, CONFLICT, conflict.field, now)
        self._announcer.announce(announcements)
        self._watch_battery(tracker, counting, levels)
        return dict(tally.reports())

    def _counting(self, tracker: Tracker, now: datetime) -> Counting | None:
        """What the tracker's readings count toward; read from its pet and owner for a tracker
        stored without it (and kept on the tracker from then on). None: its pet is gone."""
        if tracker.counting is not None:
            return tracker.counting
        pet = self._pets.get(tracker.pet_id)
        if pet is None:
            return None
        kept = tracker.counting_for(pet, self._owners.get(pet.owner_id).time_zone, now)
        with contextlib.suppress(Conflict):  # changed meanwhile: the next delivery reads it again
            self._trackers.save(kept)
        return kept.counting

    def _unpaired(
        self, batch: list[tuple[int, Delivery]], now: datetime
    ) -> dict[int, DeliveryReport | Failed]:
        for _, delivery in batch:
            for reading in delivery.readings:
                self._keep_aside(delivery.serial, reading.to_raw(), NOT_PAIRED, None, now)
        return {index: DeliveryReport(quarantined=len(d.readings)) for index, d in batch}

    def _keep_aside(
        self, serial: str, raw: object, reason: str, field: str | None, now: datetime
    ) -> None:
        self._quarantine.keep(QuarantinedReading.keep(serial, raw, reason, field, now))

    def _watch_battery(
        self, tracker: Tracker, counting: Counting, levels: list[tuple[datetime, int]]
    ) -> None:
        """Alerts go out before the watch moves on, so an alert that failed is made on redelivery."""
        for _ in range(MAX_ATTEMPTS):
            watched, alerts = tracker.watch_battery(levels)
            if watched is tracker:
                return
            self._announcer.announce([battery_low(tracker, counting, a) for a in alerts])
            try:
                self._trackers.save(watched)
                return
            except Conflict:
                tracker = self._trackers.get(tracker.serial) or tracker
        raise Conflict("the tracker's battery state kept changing; deliver again")


def _ids(serial: str, tracker: Tracker | None) -> dict[str, str]:
    if tracker is None:
        return {"tracker_id": serial}
    return {"tracker_id": serial, "pet_id": tracker.pet_id, "owner_id": tracker.owner_id}


def _joined(
    before: DeliveryReport | Failed, after: DeliveryReport | Failed
) -> DeliveryReport | Failed:
    if isinstance(before, Failed):
        return before
    return after if isinstance(after, Failed) else before + after


def _goal(
    tracker: Tracker, counting: Counting, day: DayReadings, recorded: Recorded
) -> list[Announcement]:
    """The goal, when this group took the day's steps across it, or when the group met readings
    known already (a redelivery, whose first delivery may have failed before announcing)."""
    goal, after = counting.daily_step_goal, recorded.totals.steps
    before = after - sum(reading.steps for reading in recorded.new)
    seen = len(recorded.new) + len(recorded.conflicts) < len(day.readings)
    if after < goal or not (before < goal or seen or recorded.redelivered):
        return []
    return [GoalReached(tracker.owner_id, tracker.pet_id, counting.pet_name, day.day, goal)]


def _moved(tracker: Tracker, day: DayReadings, recorded: Recorded) -> list[ActivityUpdated]:
    """The day's steps, when the group changed them. Own readings again (a run after a failure):
    the update that run may have lost."""
    mine = (*recorded.new, *recorded.redelivered)
    if not any(reading.steps for reading in mine):
        return []
    update = ActivityUpdated(tracker.owner_id, tracker.pet_id, day.day, recorded.totals.steps)
    placed = [reading for reading in mine if reading.position is not None]
    if not placed:
        return [update]
    newest = max(placed, key=lambda reading: reading.time)
    where = newest.position or Position(0, 0)  # placed: never None
    located = format_instant(newest.time)
    located_update = attrs.evolve(
        update, located_at=located, latitude=where.latitude, longitude=where.longitude
    )
    return [located_update]


def _unconflicted(day: DayReadings, recorded: Recorded) -> list[Reading]:
    conflicting = {id(conflict.reading) for conflict in recorded.conflicts}
    return [reading for reading in day.readings if id(reading) not in conflicting]


def _located(tracker: Tracker, day: DayReadings, recorded: Recorded) -> list[PetDay]:
    """The pet-day (with its owner), when the group stored positions: where the pet was changed.
    Own readings again (a run after a failure): the message that run may have lost."""
    if not any(reading.position for reading in (*recorded.new, *recorded.redelivered)):
        return []
    return [(tracker.owner_id, tracker.pet_id, day.day)]


def _batteries(day: DayReadings, recorded: Recorded) -> list[tuple[datetime, int]]:
    """The group's battery levels (conflicts left out) that are not older than the newest level
    another delivery stored before; all of them when that newest level is one of theirs (the
    delivery came again: its first run may have failed before watching them)."""
    sent = [(r.time, r.battery) for r in _unconflicted(day, recorded) if r.battery is not None]
    before = recorded.battery_before
    since = before[0] if before and before[0] not in {time for time, _ in sent} else None
    return [(time, level) for time, level in sent if since is None or time > since]


def battery_low(tracker: Tracker, counting: Counting, alert: BatteryAlert) -> BatteryLow:
    return BatteryLow(
        tracker.owner_id,
        tracker.pet_id,
        counting.pet_name,
        alert.tracker,
        alert.percent,
        format_instant(alert.time),
    )
