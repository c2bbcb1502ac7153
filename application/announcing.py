"""What the intake tells owners: goals and low batteries, once each, through the event bus; the
day's steps, live, to the owners who have a live connection open."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date

from application import tracing
from application.ports.apps import Subscriptions
from application.ports.clock import Clock
from application.ports.live import LiveConnections
from application.ports.messaging import DeliverWebhook, EventPublisher, JobQueue
from application.ports.notifications import AnnouncementLog, LiveUpdates
from application.ports.telemetry import LogEvent, Metric, Telemetry
from domain.announcements import ActivityUpdated, Announcement, LeftSafeZone
from domain.apps import Change, ChangeKind, WebhookMessage

log = logging.getLogger(__name__)


class Announcer:
    def __init__(
        self,
        announcements: AnnouncementLog,
        events: EventPublisher,
        live: LiveUpdates,
        connections: LiveConnections,
        telemetry: Telemetry,
        subscriptions: Subscriptions,
        jobs: JobQueue,
        clock: Clock,
    ) -> None:
        self._announcements, self._events = announcements, events
        self._live, self._connections = live, connections
        self._telemetry = telemetry
        self._subscriptions, self._jobs, self._clock = subscriptions, jobs, clock

    def announce(self, announcements: Sequence[Announcement]) -> None:
        """Each announcement is claimed once; one whose event could not be published is released
        and the error raised, so that the delivery comes again and announces it then."""
        for announcement in announcements:
            if not self._announcements.claim(announcement.once_key):
                continue
            exit_key = announcement.exit_key if isinstance(announcement, LeftSafeZone) else None
            claimed = [announcement.once_key]
            try:
                if exit_key is not None:
                    if not self._announcements.claim(exit_key):
                        continue  # another delivery announced this departure (see zone_exit_key)
                    claimed.append(exit_key)
                self._events.publish(announcement)
            except Exception:
                for key in claimed:
                    self._announcements.release(key)
                raise

    def show_live(self, updates: Sequence[ActivityUpdated]) -> None:
        """The newest steps of each pet-day to its owner, if the owner listens. Live updates are
        a view of what is stored: one that fails is logged, not retried (the app reads the day
        when it opens)."""
        newest = {(u.pet_id, u.day): u for u in sorted(updates, key=lambda u: u.steps)}
        if not newest:
            return
        try:
            listening = self._connections.listening({u.owner_id for u in newest.values()})
            for update in newest.values():
                if update.owner_id in listening:
                    self._show(update)
        except Exception as error:
            log.warning("live updates not sent (%d pet-days): %s", len(newest), error)

    def _show(self, update: ActivityUpdated) -> None:
        with tracing.concerning(owner_id=update.owner_id, pet_id=update.pet_id):
            self._live.publish(update)
            sent = {Metric.LIVE_UPDATES_SENT: 1}
            self._telemetry.record(LogEvent.LIVE_UPDATE_SENT, sent, day=update.day.isoformat())

    def tell_apps(
        self, updates: Sequence[ActivityUpdated], places: Sequence[tuple[str, str, date]] = ()
    ) -> None:
        """`activity-changed` for each pet-day whose steps changed and `location-changed` for
        each whose positions did, to each subscribed app whose grant lets it read that: one
        read of the owners' grants a batch, one of each granted app's subscription, one queued
        message per app, kind and pet-day. A message that could not be queued raises: the
        delivery comes again (its readings count once) and tells it then."""
        changes = sorted(
            {Change(ChangeKind.ACTIVITY, u.owner_id, u.pet_id, u.day) for u in updates}
            | {Change(ChangeKind.LOCATION, *place) for place in places},
            key=lambda c: (c.owner_id, c.pet_id or "", str(c.day), c.kind.value),
        )
        if not changes:
            return
        watches = self._subscriptions.watching({change.owner_id for change in changes})
        subscribed = {
            app_id
            for app_id in {watch.app_id for watch in watches}
            if self._subscriptions.get(app_id) is not None
        }
        now = self._clock.now()
        for change in changes:
            for watch in watches:
                if watch.app_id in subscribed and change.heard_by(watch):
                    message = WebhookMessage.of(watch.app_id, change, now)
                    self._jobs.enqueue(DeliverWebhook(message))
