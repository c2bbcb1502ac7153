"""Where every reading comes in, whichever way it came (MQTT, bundle or HTTP)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime

from application import tracing
from application.ports.activity import ActivityLedger
from application.ports.clock import Clock
from application.ports.messaging import DomainEvent, EventPublisher
from application.ports.notifications import AnnouncementLog
from application.ports.owners import OwnerRepository
from application.ports.pets import PetRepository
from application.ports.quarantine import QuarantineStore
from application.ports.trackers import TrackerRepository
from domain.announcements import ActivityUpdated, BatteryLow, GoalReached
from domain.clockwork import format_instant, local_day
from domain.errors import Conflict
from domain.pets import Pet
from domain.quarantine import QuarantinedReading
from domain.readings import DeliveryReport, Reading, Rejection
from domain.trackers import BatteryAlert, Tracker

NOT_PAIRED = "the tracker is not paired with a pet"
MAX_ATTEMPTS = 5

Refused = tuple[Rejection, object]


class ReadingIntake:
    """Counts new readings once, keeps everything else in quarantine, and announces what changed."""

    def __init__(
        self,
        trackers: TrackerRepository,
        pets: PetRepository,
        owners: OwnerRepository,
        ledger: ActivityLedger,
        quarantine: QuarantineStore,
        announcements: AnnouncementLog,
        events: EventPublisher,
        clock: Clock,
    ) -> None:
        self._trackers, self._pets, self._owners = trackers, pets, owners
        self._ledger, self._quarantine = ledger, quarantine
        self._announcements, self._events, self._clock = announcements, events, clock

    def take(
        self,
        serial: str,
        readings: Sequence[Reading],
        refused: Sequence[Refused],
        origin: str | None = None,
    ) -> DeliveryReport:
        """What became of each reading. A delivery with an `origin` (a bundle) that comes again
        gets the same report: the readings it stored before still count as its accepted ones."""
        now = self._clock.now()
        for rejection, raw in refused:
            self._keep_aside(serial, raw, rejection.reason, rejection.field, now)
        report = DeliveryReport(rejected=tuple(rejection for rejection, _ in refused))
        tracker = self._trackers.get(serial)
        pet = self._pets.get(tracker.pet_id) if tracker else None
        if tracker is None or pet is None:
            for reading in readings:
                self._keep_aside(serial, reading.to_raw(), NOT_PAIRED, None, now)
            return report + DeliveryReport(quarantined=len(readings))
        return report + self._count(tracker, pet, readings, origin)

    def _keep_aside(
        self, serial: str, raw: object, reason: str, field: str | None, now: datetime
    ) -> None:
        self._quarantine.keep(QuarantinedReading.keep(serial, raw, reason, field, now))

    def _count(
        self, tracker: Tracker, pet: Pet, readings: Sequence[Reading], origin: str | None
    ) -> DeliveryReport:
        tracing.annotate(pet_id=pet.id, owner_id=pet.owner_id)
        time_zone = self._owners.get(pet.owner_id).time_zone
        by_day: dict[date, list[Reading]] = defaultdict(list)
        for reading in readings:
            by_day[local_day(reading.time, time_zone)].append(reading)
        report, events = DeliveryReport(), list[DomainEvent]()
        for day, of_day in sorted(by_day.items()):
            recorded = self._ledger.record(pet.id, day, of_day, origin)
            own = recorded.new + recorded.redelivered
            report += DeliveryReport(len(own), len(of_day) - len(own))
            # Own readings again (a run after a failure): the update that run may have lost.
            if any(reading.steps for reading in own):
                events.append(ActivityUpdated(pet.owner_id, pet.id, day, recorded.totals.steps))
            if recorded.totals.steps >= pet.daily_step_goal:
                events.append(GoalReached(pet.owner_id, pet.id, pet.name, day, pet.daily_step_goal))
        self._announce(events)
        self._watch_battery(tracker, pet, readings)
        return report

    def _watch_battery(self, tracker: Tracker, pet: Pet, readings: Sequence[Reading]) -> None:
        """Alerts go out before the watch moves on, so an alert that failed is made on redelivery."""
        levels = [(r.time, r.battery) for r in readings if r.battery is not None]
        for _ in range(MAX_ATTEMPTS):
            watched, alerts = tracker.watch_battery(levels)
            if watched is tracker:
                return
            self._announce([battery_low(pet, alert) for alert in alerts])
            try:
                self._trackers.save(watched)
                return
            except Conflict:
                tracker = self._trackers.get(tracker.serial) or tracker
        raise Conflict("the tracker's battery state kept changing; deliver again")

    def _announce(self, events: Sequence[DomainEvent]) -> None:
        """Goal and battery announcements are claimed once; a claim whose event is lost is released."""
        for event in events:
            if isinstance(event, ActivityUpdated):
                self._events.publish(event)
                continue
            if not self._announcements.claim(event.once_key):
                continue
            try:
                self._events.publish(event)
            except Exception:
                self._announcements.release(event.once_key)
                raise


def battery_low(pet: Pet, alert: BatteryAlert) -> BatteryLow:
    return BatteryLow(
        pet.owner_id, pet.id, pet.name, alert.tracker, alert.percent, format_instant(alert.time)
    )
