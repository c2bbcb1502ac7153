from __future__ import annotations

import threading

from application.ports.notifications import AnnouncementLog, LiveUpdates, PushNotifier
from domain.announcements import ActivityUpdated, Phone, PushMessage


class RecordingPushNotifier(PushNotifier):
    """Keeps what it sent, as a phone would show it."""

    def __init__(self) -> None:
        self._sent: list[PushMessage] = []

    def send(self, phone: Phone, text: str) -> None:
        self._sent.append(PushMessage(phone.owner_id, phone.name, phone.platform, text))

    def sent(self, owner_id: str | None = None) -> list[PushMessage]:
        """What was sent, in send order (the same view as SqlitePushOutbox.sent)."""
        return [m for m in self._sent if owner_id in (None, m.owner_id)]

    def forget(self, phone: Phone) -> None:
        """Drops what was sent to the phone, as the outbox does."""
        self._sent = [
            m for m in self._sent if (m.owner_id, m.phone) != (phone.owner_id, phone.name)
        ]


class RecordingLiveUpdates(LiveUpdates):
    """Keeps every update published, in order, and whose connections were closed (in order);
    a test filters them by owner."""

    def __init__(self) -> None:
        self.published: list[ActivityUpdated] = []
        self.closed: list[str] = []

    def publish(self, update: ActivityUpdated) -> None:
        self.published.append(update)

    def close_connections(self, owner_id: str) -> None:
        self.closed.append(owner_id)


class InMemoryAnnouncementLog(AnnouncementLog):
    def __init__(self) -> None:
        self._claimed: set[str] = set()
        self._lock = threading.Lock()

    def claim(self, key: str) -> bool:
        with self._lock:
            if key in self._claimed:
                return False
            self._claimed.add(key)
            return True

    def release(self, key: str) -> None:
        with self._lock:
            self._claimed.discard(key)
