"""The Notification Hubs and Web PubSub adapters' own guarantees: what the services refuse
is raised, and endpoints are only reached over plain HTTP on loopback."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import httpx
import pytest
from azure.core.exceptions import ClientAuthenticationError
from azure.messaging.webpubsubservice import WebPubSubServiceClient

from adapters.azure.notification_hubs_push_notifier import NotificationHubsPushNotifier
from adapters.azure.webpubsub_live_connections import WebPubSubLiveConnections
from adapters.azure.webpubsub_live_updates import WebPubSubLiveUpdates
from adapters.system_clock import SystemClock
from domain.announcements import Phone, Platform
from tests.support.azure_fake_hubs import FakeNotificationHubs
from tests.support.azure_fake_webpubsub import FakeWebPubSub

from .azure_storage import fresh_table
from .test_live_updates import REX_AT_1200

PIXEL = Phone("owner-1", "pixel", Platform.ANDROID, "token-a")
IPHONE = Phone("owner-1", "iphone", Platform.IOS, "token-b")


@pytest.fixture
def hubs() -> Iterator[FakeNotificationHubs]:
    fake = FakeNotificationHubs()
    yield fake
    fake.close()


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=5) as client:
        yield client


def test_each_platform_gets_its_own_format(hubs: FakeNotificationHubs, http: httpx.Client) -> None:
    notifier = NotificationHubsPushNotifier(http, hubs.connection_string, hubs.hub)
    notifier.send(PIXEL, "hi")
    notifier.send(IPHONE, "hi")
    [(android_format, android)] = hubs.deliveries["token-a"]
    [(apple_format, apple)] = hubs.deliveries["token-b"]
    assert (android_format, android["message"]["notification"]["body"]) == ("fcmv1", "hi")
    assert (apple_format, apple["aps"]["alert"]["body"]) == ("apple", "hi")


def test_a_signature_with_another_key_is_refused(
    hubs: FakeNotificationHubs, http: httpx.Client
) -> None:
    wrong_key = base64.b64encode(b"0" * 32).decode()
    connection = hubs.connection_string.replace(hubs.key, wrong_key)
    with pytest.raises(httpx.HTTPStatusError, match="401"):
        NotificationHubsPushNotifier(http, connection, hubs.hub).send(PIXEL, "hi")
    assert hubs.deliveries == {}


@pytest.mark.parametrize(
    "endpoint", ["http://pawtrack.servicebus.windows.net/", "ftp://127.0.0.1/"]
)
def test_plain_http_is_for_loopback_only(http: httpx.Client, endpoint: str) -> None:
    connection = f"Endpoint={endpoint};SharedAccessKeyName=send;SharedAccessKey=a2V5"
    with pytest.raises(ValueError, match="not a Notification Hubs endpoint"):
        NotificationHubsPushNotifier(http, connection, "pawtrack")


def test_a_web_pubsub_send_with_another_key_is_refused() -> None:
    service = FakeWebPubSub(hub="live")
    connection = service.connection_string.replace(
        service.access_key, base64.b64encode(b"1" * 32).decode()
    )
    client = WebPubSubServiceClient.from_connection_string(connection, hub="live")
    honest = WebPubSubServiceClient.from_connection_string(service.connection_string, hub="live")
    listener = service.connect_with(_url(honest, "alice"))
    try:
        with pytest.raises(ClientAuthenticationError):
            WebPubSubLiveUpdates(client).publish(REX_AT_1200)
        assert service.received[listener] == []
    finally:
        client.close()
        service.close()


def test_updates_are_sent_to_the_owners_web_pubsub_group() -> None:
    service = FakeWebPubSub(hub="live")
    client = WebPubSubServiceClient.from_connection_string(service.connection_string, hub="live")
    alice, bob = (
        service.connect_with(_url(client, "alice")),
        service.connect_with(_url(client, "bob")),
    )
    try:
        WebPubSubLiveUpdates(client).publish(REX_AT_1200)
        assert service.received[alice] == [REX_AT_1200.payload()]
        assert service.received[bob] == []
    finally:
        client.close()
        service.close()


def test_a_client_url_signed_with_another_key_does_not_connect() -> None:
    service = FakeWebPubSub(hub="live")
    forged = service.connection_string.replace(
        service.access_key, base64.b64encode(b"2" * 32).decode()
    )
    client = WebPubSubServiceClient.from_connection_string(forged, hub="live")
    try:
        with pytest.raises(PermissionError):
            service.connect_with(_url(client, "alice"))
    finally:
        client.close()
        service.close()


def _url(client: WebPubSubServiceClient, owner_id: str) -> str:
    connections = WebPubSubLiveConnections(client, fresh_table(), SystemClock())
    url = connections.attach(owner_id, None)
    assert url is not None
    return url
