"""Live updates through Azure Web PubSub: one Web PubSub user per owner.

A client (the mobile app, a dashboard) connects to the hub as its owner: it asks
the backend's negotiate endpoint, which the Functions binding must offer as
`GET /live/negotiate` (authenticated like any API call), answering
`service_client.get_client_access_token(user_id=caller.user_id)["url"]` - a
WebSocket URL carrying a short-lived token for that user id (the owner id) and no
roles, so the client can only receive. The service keeps which connections each
user has open: no connection registry of our own, nothing to forget on disconnect.

`publish` sends the update's payload as JSON to the owner's user: the service
delivers it to each of their open connections, in the order sent; an owner with
none gets nothing. A connection that broke is the service's to drop. A failure of
the service itself raises (azure.core.exceptions.HttpResponseError).
"""

from __future__ import annotations

from typing import Any

from application.ports.notifications import LiveUpdates
from domain.announcements import ActivityUpdated


class WebPubSubLiveUpdates(LiveUpdates):
    def __init__(self, service_client: Any) -> None:
        self._client = service_client  # azure.messaging.webpubsubservice.WebPubSubServiceClient

    def client_url(self, owner_id: str) -> str:
        """Where the owner's app connects: a WebSocket URL with a short-lived token for that user."""
        return str(self._client.get_client_access_token(user_id=owner_id)["url"])

    def publish(self, update: ActivityUpdated) -> None:
        self._client.send_to_user(
            update.owner_id, update.payload(), content_type="application/json"
        )
