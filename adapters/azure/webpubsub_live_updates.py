"""Live updates through Azure Web PubSub: one group per owner.

A client (the mobile app, a dashboard) connects with the URL the negotiate endpoint
hands out (WebPubSubLiveConnections): its short-lived token names the owner as its user
and joins the owner's group. The service keeps the group's connections: no connection
registry of our own, nothing to forget on disconnect. When the owner's account is erased, the service closes the
connections of the owner's user; a client URL negotiated before stays valid until its
token expires (an hour), but nothing is sent to the owner's group any more.

`publish` sends the update's payload as JSON to the owner's group: the service
delivers it to each connection in the group, in the order sent; an owner with none
gets nothing. A connection that broke is the service's to drop. A failure of the
service itself raises (azure.core.exceptions.HttpResponseError).
"""

from __future__ import annotations

from typing import Any

from application.ports.notifications import LiveUpdates
from domain.announcements import ActivityUpdated


class WebPubSubLiveUpdates(LiveUpdates):
    def __init__(self, service_client: Any) -> None:
        self._client = service_client  # azure.messaging.webpubsubservice.WebPubSubServiceClient

    def publish(self, update: ActivityUpdated) -> None:
        self._client.send_to_group(
            group_of(update.owner_id), update.payload(), content_type="application/json"
        )

    def close_connections(self, owner_id: str) -> None:
        """Closes every connection of the owner's user (the user their client URL names)."""
        self._client.close_user_connections(owner_id, reason="the account was deleted")


def group_of(owner_id: str) -> str:
    """The owner's group (Web PubSub group names allow letters, digits, '-', '_' and '.')."""
    return "owner-" + "".join(c if c.isalnum() or c in "-_." else "_" for c in owner_id)
