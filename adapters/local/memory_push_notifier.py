from __future__ import annotations

from datetime import UTC, datetime

from application.ports.notifications import PushNotifier, PushOutbox
from domain.announcements import Phone, PushMessage


class InMemoryPushNotifier(PushNotifier, PushOutbox):
    """Keeps what it sent, as a phone would show it."""

    def __init__(self) -> None:
        self._sent: list[PushMessage] = []

    def send(self, phone: Phone, text: str) -> bool:
        now = datetime.now(UTC)  # a wall-clock stamp, as the SQLite outbox keeps
        self._sent.append(PushMessage(phone.owner_id, phone.name, phone.platform, text, now))
        return True

    def sent(self, owner_id: str | None = None) -> list[PushMessage]:
        """What was sent, in send order (the same view as SqlitePushNotifier.sent)."""
        return [m for m in self._sent if owner_id in (None, m.owner_id)]

    def forget(self, phone: Phone) -> None:
        """Drops what was sent to the phone, as the outbox does."""
        self._sent = [
            m for m in self._sent if (m.owner_id, m.phone) != (phone.owner_id, phone.name)
        ]
