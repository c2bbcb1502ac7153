"""Contract-test harness: a push notifier's effect is what the phones received."""

from __future__ import annotations

import abc
import io
import json

from adapters.local.memory_push_notifier import InMemoryPushNotifier
from adapters.local.prometheus_telemetry import PrometheusTelemetry
from adapters.local.sqlite_push_notifier import SqlitePushNotifier
from adapters.telemetry_push_outbox import TelemetryPushOutbox
from application.ports.notifications import PushNotifier
from domain.announcements import Phone, Platform, PushMessage


class PushHarness(abc.ABC):
    notifier: PushNotifier

    #: Why the service keeps nothing of a phone, where it keeps nothing (so `kept` is always []).
    keeps_nothing: str | None = None

    @abc.abstractmethod
    def sent(self, owner_id: str | None = None) -> list[PushMessage]:
        """What the phones received, in send order."""

    @abc.abstractmethod
    def kept(self, phone: Phone) -> list[str]:
        """What the push service (or the outbox standing in for it) keeps of the phone."""


class InMemoryPushHarness(PushHarness):
    def __init__(self, notifier: InMemoryPushNotifier) -> None:
        self.notifier = self._recorder = notifier

    def sent(self, owner_id: str | None = None) -> list[PushMessage]:
        return self._recorder.sent(owner_id)

    def kept(self, phone: Phone) -> list[str]:
        return [m.text for m in self._recorder.sent(phone.owner_id) if m.phone == phone.name]


class OutboxHarness(PushHarness):
    def __init__(self, notifier: SqlitePushNotifier) -> None:
        self.notifier = self._outbox = notifier

    def sent(self, owner_id: str | None = None) -> list[PushMessage]:
        return self._outbox.sent(owner_id)

    def kept(self, phone: Phone) -> list[str]:
        return [m.text for m in self._outbox.sent(phone.owner_id) if m.phone == phone.name]


class LogOutboxHarness(PushHarness):
    """The pushes of a stage without a push service: the `push-outbox` lines of the log."""

    keeps_nothing = "the log keeps no registration; its lines age out with its retention"

    def __init__(self) -> None:
        self._out = io.StringIO()
        self.notifier = TelemetryPushOutbox(PrometheusTelemetry(self._out))

    def sent(self, owner_id: str | None = None) -> list[PushMessage]:
        lines = [json.loads(text) for text in self._out.getvalue().splitlines()]
        return [
            PushMessage(line["owner_id"], line["phone"], Platform(line["platform"]), line["text"])
            for line in lines
            if line["message"] == "push-outbox" and owner_id in (None, line["owner_id"])
        ]

    def kept(self, phone: Phone) -> list[str]:
        return []
