"""Contract-test harnesses of Notification Hubs and Web PubSub: what the phones and the
owners' connections received, read from the loopback fakes."""

from __future__ import annotations

from adapters.azure.notification_hubs_push_notifier import NotificationHubsPushNotifier
from adapters.azure.webpubsub_live_updates import WebPubSubLiveUpdates
from application.ports.live import LiveConnections
from application.ports.notifications import PushNotifier
from domain.announcements import Phone, Platform, PushMessage
from tests.support.azure_fake_hubs import FakeNotificationHubs, shown_text
from tests.support.azure_fake_webpubsub import FakeWebPubSub

from .live import Listener, LiveHarness, Payload
from .push import PushHarness

PLATFORMS = {"apple": Platform.IOS, "fcmv1": Platform.ANDROID, "gcm": Platform.ANDROID}


class _Observed(PushNotifier):
    """The notifier, with the harness looking at the phone's deliveries after each send."""

    def __init__(self, notifier: PushNotifier, harness: NotificationHubsPushHarness) -> None:
        self._notifier, self._harness = notifier, harness

    def send(self, phone: Phone, text: str) -> bool:
        reached = self._notifier.send(phone, text)
        self._harness.arrived(phone)
        return reached

    def forget(self, phone: Phone) -> None:
        self._notifier.forget(phone)


class NotificationHubsPushHarness(PushHarness):
    """A phone is its device handle: what the hub accepted for the handle, as the phone shows it."""

    keeps_nothing = "direct sends register nothing in the hub: no installation, no registration"

    def __init__(self, hubs: FakeNotificationHubs, notifier: NotificationHubsPushNotifier) -> None:
        self.hubs, self.adapter = hubs, notifier
        self.notifier = _Observed(notifier, self)
        self._sent: list[PushMessage] = []
        self._seen: dict[str, int] = {}

    def sent(self, owner_id: str | None = None) -> list[PushMessage]:
        return [m for m in self._sent if owner_id in (None, m.owner_id)]

    def kept(self, phone: Phone) -> list[str]:
        return []

    def arrived(self, phone: Phone) -> None:
        deliveries = self.hubs.deliveries.get(phone.device_token, [])
        for service_format, payload in deliveries[self._seen.get(phone.device_token, 0) :]:
            text = str(shown_text(service_format, payload))
            self._sent.append(
                PushMessage(phone.owner_id, phone.name, PLATFORMS[service_format], text)
            )
        self._seen[phone.device_token] = len(deliveries)


class WebPubSubLiveHarness(LiveHarness):
    """A listener is a client connected with the URL negotiated for its owner."""

    def __init__(
        self, service: FakeWebPubSub, live: WebPubSubLiveUpdates, connections: LiveConnections
    ) -> None:
        self.service, self.live, self.connections = service, live, connections
        self._listeners: dict[Listener, str] = {}

    def connect(self, owner_id: str, *, failing: bool = False) -> Listener:
        listener = Listener(owner_id, failing)
        url = self.connections.attach(owner_id, None)
        assert url is not None, "Web PubSub connects the client with the URL attach hands out"
        self._listeners[listener] = self.service.connect_with(url, failing)
        return listener

    def disconnect(self, listener: Listener) -> None:
        self.service.disconnect(self._listeners[listener])

    def is_open(self, listener: Listener) -> bool:
        return self._listeners[listener] in self.service.connections

    def received(self, owner_id: str, count: int) -> list[list[Payload]]:
        """Sending is synchronous: what was published has arrived when `publish` returns."""
        return [
            list(self.service.received[connection_id])
            for listener, connection_id in self._listeners.items()
            if listener.owner_id == owner_id
        ]
