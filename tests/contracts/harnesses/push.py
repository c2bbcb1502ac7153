"""Contract-test harness: a push notifier's effect is what the phones received."""

from __future__ import annotations

import abc

from adapters.local.memory_notifications import RecordingPushNotifier
from adapters.local.sqlite_notifications import SqlitePushOutbox
from application.ports.notifications import PushNotifier
from domain.announcements import PushMessage


class PushHarness(abc.ABC):
    notifier: PushNotifier

    @abc.abstractmethod
    def sent(self, owner_id: str | None = None) -> list[PushMessage]:
        """What the phones received, in send order."""


class RecordingPushHarness(PushHarness):
    def __init__(self, notifier: RecordingPushNotifier) -> None:
        self.notifier = self._recorder = notifier

    def sent(self, owner_id: str | None = None) -> list[PushMessage]:
        return self._recorder.sent(owner_id)


class OutboxHarness(PushHarness):
    def __init__(self, notifier: SqlitePushOutbox) -> None:
        self.notifier = self._outbox = notifier

    def sent(self, owner_id: str | None = None) -> list[PushMessage]:
        return self._outbox.sent(owner_id)
