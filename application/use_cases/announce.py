from __future__ import annotations

from application import tracing
from application.ports.messaging import DomainEvent
from application.ports.notifications import LiveUpdates, PushNotifier
from application.ports.phones import PhoneRegistry
from application.ports.telemetry import LogEvent, Metric, Telemetry
from domain.announcements import ActivityUpdated, Phone


class Announce:
    """Turns a domain event into what the owner sees: a push on every phone, or a live update."""

    def __init__(
        self, phones: PhoneRegistry, push: PushNotifier, live: LiveUpdates, telemetry: Telemetry
    ) -> None:
        self._phones, self._push, self._live = phones, push, live
        self._telemetry = telemetry

    def __call__(self, event: DomainEvent) -> None:
        tracing.annotate(owner_id=event.owner_id, pet_id=event.pet_id)
        if isinstance(event, ActivityUpdated):
            self._live.publish(event)
            metrics = {Metric.LIVE_UPDATES_SENT: 1}
            self._telemetry.record(LogEvent.LIVE_UPDATE_SENT, metrics, day=event.day.isoformat())
            return
        for phone in self._phones.of_owner(event.owner_id):
            self._send(phone, event.message, type(event).__name__)

    def _send(self, phone: Phone, text: str, kind: str) -> None:
        """A failure worth retrying is told, then raised (the whole announcement is retried)."""
        told = {"phone": phone.name, "platform": phone.platform.value, "kind": kind}
        try:
            delivered = self._push.send(phone, text)
        except Exception as error:
            failed = {Metric.PUSH_FAILED: 1}
            self._telemetry.record(LogEvent.PUSH_FAILED, failed, error=type(error).__name__, **told)
            raise
        if delivered:
            self._telemetry.record(LogEvent.PUSH_SENT, {Metric.PUSH_SENT: 1}, **told)
        else:
            failed = {Metric.PUSH_FAILED: 1}
            self._telemetry.record(LogEvent.PUSH_FAILED, failed, error="unreachable", **told)
