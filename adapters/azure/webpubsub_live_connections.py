"""Where an owner's clients connect for live updates on Azure Web PubSub.

The service connects clients itself: attaching hands out a WebSocket URL whose short-lived
token names the owner as its user and joins the owner's group (webpubsub_live_updates), and
grants no roles, so the client can only receive. The service keeps the group's connections
and drops a client that leaves: there is no registry of ours to forget it in.
"""

from __future__ import annotations

from typing import Any

from adapters.azure.webpubsub_live_updates import group_of
from application.ports.live import LiveClient, LiveConnections


class WebPubSubLiveConnections(LiveConnections):
    def __init__(self, service_client: Any) -> None:
        self._client = service_client  # azure.messaging.webpubsubservice.WebPubSubServiceClient

    def attach(self, owner_id: str, client: LiveClient | None) -> str | None:
        """The URL the owner's client connects to; the service holds the connection, so no
        client exists yet (`client` is None)."""
        token = self._client.get_client_access_token(user_id=owner_id, groups=[group_of(owner_id)])
        return str(token["url"])

    def detach(self, client_id: str) -> None:
        """Web PubSub drops a connection that closes from its groups itself."""
