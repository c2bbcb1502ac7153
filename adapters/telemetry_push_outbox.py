"""Pushes into the log, where no push service is set up: a stage deployed without APNs and FCM
credentials (no SNS platform applications on AWS, no Notification Hubs connection on Azure),
as DEV may be. Each push is one `push-outbox` line, with the phone's name, platform and the text
it would have shown; the stack deploys and runs, and the log shows what the phones would get.
"""

from __future__ import annotations

from application.ports.notifications import PushNotifier
from application.ports.telemetry import LogEvent, Telemetry
from domain.announcements import Phone


class TelemetryPushOutbox(PushNotifier):
    def __init__(self, telemetry: Telemetry) -> None:
        self._telemetry = telemetry

    def send(self, phone: Phone, text: str) -> bool:
        self._telemetry.record(
            LogEvent.PUSH_OUTBOX,
            owner_id=phone.owner_id,
            phone=phone.name,
            platform=phone.platform.value,
            text=text,
        )
        return True

    def forget(self, phone: Phone) -> None:
        """Nothing to forget: the log keeps no registration, and ages out with its retention."""
