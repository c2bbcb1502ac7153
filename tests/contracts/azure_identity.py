"""The "azure" factories of the identity and notification ports: Entra ID, Microsoft Graph,
Notification Hubs and Web PubSub, each against a loopback fake (tests/support/azure_fake_*.py),
since none of these services has an emulator.

Each test gets fresh fakes, stopped after it; the identity tests share one fake Entra
(they only need its keys).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

import httpx
from azure.messaging.webpubsubservice import WebPubSubServiceClient

from adapters.azure.entra_app_registry import EntraAppRegistry
from adapters.azure.entra_client_credentials import EntraClientCredentials, graph_scope
from adapters.azure.entra_identity_verifier import EntraIdentityVerifier
from adapters.azure.graph_user_directory import GraphUserDirectory
from adapters.azure.notification_hubs_push_notifier import NotificationHubsPushNotifier
from adapters.azure.webpubsub_live_connections import WebPubSubLiveConnections
from adapters.azure.webpubsub_live_updates import WebPubSubLiveUpdates
from adapters.system_clock import SystemClock
from application.ports.identity import IdentityVerifier
from domain.access import App
from tests.support.azure_fake_entra import FakeEntra
from tests.support.azure_fake_graph import FakeGraph
from tests.support.azure_fake_hubs import FakeNotificationHubs
from tests.support.azure_fake_webpubsub import FakeWebPubSub

from .azure_storage import fresh_table
from .harnesses.azure_identity import EntraTokenMinter, GraphUserHarness
from .harnesses.azure_notify import NotificationHubsPushHarness, WebPubSubLiveHarness
from .harnesses.identity import TokenMinter

API_CLIENT_ID = "6f1c2d3e-0000-4000-8000-00000000a91"  # the Pawtrack API's app registration
MOBILE_CLIENT_ID = "0b7e5a2c-0000-4000-8000-0000000m0b1"  # the mobile app's
GRAPH_PERMISSIONS = (
    "User.Read.All",
    "User.ReadWrite.All",  # deletes an erased owner
    "User.DeleteRestore.All",  # and deletes them from the deleted items for good
    "Application.Read.All",
    "Application.ReadWrite.OwnedBy",
)


class DictAppRecords:
    """App records kept in memory (TableAppRecords keeps them in the table)."""

    def __init__(self) -> None:
        self.apps: dict[str, App] = {}

    def put(self, app: App) -> None:
        self.apps[app.id] = app

    def get(self, app_id: str) -> App | None:
        return self.apps.get(app_id)


@functools.cache
def _shared_entra() -> FakeEntra:
    return FakeEntra()


def identity(ws: Any) -> Iterator[tuple[IdentityVerifier, TokenMinter]]:
    """Entra's verifier, with the keys fetched now: some tests forbid the network."""
    entra = _shared_entra()
    minter = EntraTokenMinter(entra, ws.clock, API_CLIENT_ID, MOBILE_CLIENT_ID)
    verifier = EntraIdentityVerifier(
        entra.jwks_url, entra.url, API_CLIENT_ID, [entra.tenant], minter.apps, ws.clock,
        mobile_client_id=MOBILE_CLIENT_ID,
    )  # fmt: skip
    verifier.verify(minter.owner("model-owner"))
    yield verifier, minter


class GraphTestbed:
    """A fake Entra and Graph, and the backend's client credentials for Graph."""

    def __init__(self) -> None:
        self.entra = FakeEntra()
        self.graph = FakeGraph(self.entra, API_CLIENT_ID)
        self.http = httpx.Client(timeout=5)
        client_id, secret = self.entra.add_client(GRAPH_PERMISSIONS)
        self.tokens = EntraClientCredentials(
            self.http, self.entra.url, self.entra.tenant, client_id, secret,
            graph_scope(self.graph.url), SystemClock(),
        )  # fmt: skip

    def close(self) -> None:
        self.http.close()
        self.graph.close()
        self.entra.close()


def user_directory(ws: Any) -> Iterator[GraphUserHarness]:
    testbed = GraphTestbed()
    directory = GraphUserDirectory(testbed.http, testbed.graph.url, testbed.tokens, API_CLIENT_ID)
    yield GraphUserHarness(testbed.graph, directory)
    testbed.close()


def apps(ws: Any) -> Iterator[EntraAppRegistry]:
    testbed = GraphTestbed()
    yield EntraAppRegistry(testbed.http, testbed.graph.url, testbed.tokens, DictAppRecords())
    testbed.close()


def push(ws: Any) -> Iterator[NotificationHubsPushHarness]:
    hubs, http = FakeNotificationHubs(hub="pawtrack"), httpx.Client(timeout=5)
    yield NotificationHubsPushHarness(
        hubs, NotificationHubsPushNotifier(http, hubs.connection_string, "pawtrack")
    )
    http.close()
    hubs.close()


def live(ws: Any) -> Iterator[WebPubSubLiveHarness]:
    service = FakeWebPubSub(hub="live")
    client = WebPubSubServiceClient.from_connection_string(service.connection_string, hub="live")
    connections = WebPubSubLiveConnections(client, fresh_table(), SystemClock())
    yield WebPubSubLiveHarness(service, WebPubSubLiveUpdates(client), connections)
    client.close()
    service.close()
