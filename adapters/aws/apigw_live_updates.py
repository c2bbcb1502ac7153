"""Live updates to the owner's WebSocket connections on API Gateway.

The connection registry says which connections an owner has open (the `$connect`
and `$disconnect` routes keep it); each gets the update's payload as JSON through
the management API's PostToConnection. A connection API Gateway reports gone (the
client left without `$disconnect` reaching us) is forgotten; any other failure of
one connection is logged and the others still get the update. When an owner's account
is erased, their connections are closed (DeleteConnection) and forgotten.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Protocol

from botocore.exceptions import ClientError

from application.ports.notifications import LiveUpdates
from domain.announcements import ActivityUpdated

log = logging.getLogger(__name__)


class ConnectionRegistry(Protocol):
    """The open connections of each owner (DynamoDBLiveConnections)."""

    def of_owner(self, owner_id: str, *, expired_too: bool = False) -> list[str]: ...

    def detach(self, client_id: str) -> None: ...


class ApiGatewayLiveUpdates(LiveUpdates):
    def __init__(self, management_client: Any, connections: ConnectionRegistry) -> None:
        self._client, self._connections = management_client, connections

    def publish(self, update: ActivityUpdated) -> None:
        data = json.dumps(update.payload()).encode()
        for connection_id in self._connections.of_owner(update.owner_id):
            try:
                self._client.post_to_connection(ConnectionId=connection_id, Data=data)
            except ClientError as error:
                self._failed(connection_id, update.owner_id, error)

    def close_connections(self, owner_id: str) -> None:
        """DeleteConnection for each (API Gateway then sends `$disconnect`), then forgets it,
        expired ones included; one already gone is forgotten all the same."""
        for connection_id in self._connections.of_owner(owner_id, expired_too=True):
            try:
                self._client.delete_connection(ConnectionId=connection_id)
            except ClientError as error:
                if error.response.get("Error", {}).get("Code") != "GoneException":
                    raise
            self._connections.detach(connection_id)

    def _failed(self, connection_id: str, owner_id: str, error: ClientError) -> None:
        if error.response.get("Error", {}).get("Code") == "GoneException":
            log.info("live connection %s of %s is gone: forgetting it", connection_id, owner_id)
            self._connections.detach(connection_id)
        else:
            log.warning("live update to %s of %s failed: %s", connection_id, owner_id, error)
