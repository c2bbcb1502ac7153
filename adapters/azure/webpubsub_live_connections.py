"""Where an owner's clients connect for live updates on Azure Web PubSub, and who may be
listening.

The service connects clients itself: attaching hands out a WebSocket URL whose short-lived
token names the owner as its user and joins the owner's group (webpubsub_live_updates), and
grants no roles, so the client can only receive. The service keeps the group's connections
and drops a client that leaves: there is no registry of ours to forget it in.

Who may be listening is kept in Tables: attaching writes `LIVE` / `<expiry>|<digest>` (the URL's
token lives an hour; the digest is the SHA-256 of the owner's id, so that an erased owner's id
is not left there), so that one query of the partition from now on lists the owners whose
client may still be connected; each attach deletes the entries that have expired.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from datetime import timedelta
from typing import Any

from azure.data.tables import TableClient

from adapters.azure.table_entities import Entities
from adapters.azure.webpubsub_live_updates import group_of
from application.ports.clock import Clock
from application.ports.live import LiveClient, LiveConnections
from domain.clockwork import instant_key

TOKEN_LIFETIME = timedelta(minutes=60)  # the service client's default for a client URL
LIVE = "LIVE"


class WebPubSubLiveConnections(LiveConnections):
    def __init__(self, service_client: Any, table_client: TableClient, clock: Clock) -> None:
        self._client = service_client  # azure.messaging.webpubsubservice.WebPubSubServiceClient
        self._entities, self._clock = Entities(table_client), clock

    def attach(self, owner_id: str, client: LiveClient | None) -> str | None:
        """The URL the owner's client connects to; the service holds the connection, so no
        client exists yet (`client` is None)."""
        minutes = int(TOKEN_LIFETIME.total_seconds() // 60)
        token = self._client.get_client_access_token(
            user_id=owner_id, groups=[group_of(owner_id)], minutes_to_expire=minutes
        )
        now = self._clock.now()
        expires = instant_key(now + TOKEN_LIFETIME)
        self._entities.put({"PartitionKey": LIVE, "RowKey": f"{expires}|{_digest(owner_id)}"})
        expired = self._entities.between(LIVE, "", instant_key(now))
        self._entities.delete_all(LIVE, [entity["RowKey"] for entity in expired])
        return str(token["url"])

    def detach(self, client_id: str) -> None:
        """Web PubSub drops a connection that closes from its groups itself."""

    def listening(self, owner_ids: Collection[str]) -> set[str]:
        """One query of the entries not expired."""
        now = instant_key(self._clock.now())
        digests = {
            entity["RowKey"].split("|")[1] for entity in self._entities.between(LIVE, now, "~")
        }
        return {owner_id for owner_id in owner_ids if _digest(owner_id) in digests}


def _digest(owner_id: str) -> str:
    return hashlib.sha256(owner_id.encode()).hexdigest()
