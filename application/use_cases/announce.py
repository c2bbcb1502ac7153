from __future__ import annotations

from application.ports.messaging import DomainEvent
from application.ports.notifications import LiveUpdates, PushNotifier
from application.ports.phones import PhoneRegistry
from domain.announcements import ActivityUpdated


class Announce:
    """Turns a domain event into what the owner sees: a push on every phone, or a live update."""

    def __init__(self, phones: PhoneRegistry, push: PushNotifier, live: LiveUpdates) -> None:
        self._phones, self._push, self._live = phones, push, live

    def __call__(self, event: DomainEvent) -> None:
        if isinstance(event, ActivityUpdated):
            self._live.publish(event)
            return
        for phone in self._phones.of_owner(event.owner_id):
            self._push.send(phone, event.message)
