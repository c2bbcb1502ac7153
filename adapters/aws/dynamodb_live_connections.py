"""Open WebSocket connections of API Gateway, per owner, in the Pawtrack table.

Three items per connection: `OWNER#<owner>` / `CONNECTION#<id>` lists an owner's connections
(one Query), `CONNECTION#<id>` / `CONNECTION` names the owner, so that `$disconnect`, which
knows only the connection id, finds the others, and `LIVE` / `<expiry>#<owner>#<id>` lists
every connection open, so that a batch of readings learns in one Query which owners listen.
API Gateway closes a connection after 2 hours at most, so all three expire (TTL) a little after
that, and reads skip expired ones that TTL has not deleted yet.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime, timedelta
from typing import Any

from application.ports.clock import Clock
from application.ports.live import LiveClient, LiveConnections

LIFETIME = timedelta(hours=2, minutes=10)  # API Gateway's 2 hours, and a margin
LIVE = "LIVE"


class DynamoDBLiveConnections(LiveConnections):
    def __init__(self, client: Any, table: str, clock: Clock | None = None) -> None:
        self._client, self._table, self._clock = client, table, clock

    def attach(self, owner_id: str, client: LiveClient | None) -> str | None:
        """API Gateway holds the connection: `client` names it (its connection id)."""
        if client is None:
            raise ValueError("API Gateway connects the client first: attach names its connection")
        self._add(owner_id, client.id)
        return None

    def _add(self, owner_id: str, connection_id: str) -> None:
        expires = int((self._now() + LIFETIME).timestamp())
        live_key = _live_key(expires, owner_id, connection_id)
        items = [
            {**_owner_key(owner_id, connection_id), "connection_id": {"S": connection_id}},
            {**_connection_key(connection_id), "owner_id": {"S": owner_id}, "live": live_key["sk"]},
            {**live_key, "owner_id": {"S": owner_id}},
        ]
        self._client.transact_write_items(
            TransactItems=[
                {
                    "Put": {
                        "TableName": self._table,
                        "Item": {**item, "expires_at": {"N": str(expires)}},
                    }
                }
                for item in items
            ]
        )

    def detach(self, client_id: str) -> None:
        """Forget the connection (its items); an unknown one: nothing happens."""
        connection_id = client_id
        found = self._client.get_item(
            TableName=self._table, Key=_connection_key(connection_id), ConsistentRead=True
        ).get("Item")
        keys = [_connection_key(connection_id)]
        if found is not None:
            keys.append(_owner_key(found["owner_id"]["S"], connection_id))
            if "live" in found:
                keys.append({"pk": {"S": LIVE}, "sk": found["live"]})
        self._client.transact_write_items(
            TransactItems=[{"Delete": {"TableName": self._table, "Key": key}} for key in keys]
        )

    def listening(self, owner_ids: Collection[str]) -> set[str]:
        """One Query of the connections not expired (eventually consistent: one opened a moment
        ago may be missed, as if it opened after the readings came)."""
        now = int(self._now().timestamp())
        arguments: dict[str, Any] = {
            "TableName": self._table,
            "KeyConditionExpression": "pk = :live AND sk > :now",
            "ExpressionAttributeValues": {":live": {"S": LIVE}, ":now": {"S": f"{now:012d}"}},
            "ProjectionExpression": "owner_id",
        }
        open_now: set[str] = set()
        while True:
            page = self._client.query(**arguments)
            open_now |= {item["owner_id"]["S"] for item in page.get("Items", [])}
            if "LastEvaluatedKey" not in page:
                return open_now & set(owner_ids)
            arguments["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def of_owner(self, owner_id: str, *, expired_too: bool = False) -> list[str]:
        """The owner's connections that have not expired (or all, with `expired_too`: TTL may
        not have deleted them yet), ordered by connection id."""
        arguments: dict[str, Any] = {
            "TableName": self._table,
            "KeyConditionExpression": "pk = :pk AND begins_with(sk, :prefix)",
            "ExpressionAttributeValues": {
                ":pk": {"S": f"OWNER#{owner_id}"},
                ":prefix": {"S": "CONNECTION#"},
            },
            "ConsistentRead": True,
        }
        if not expired_too:
            arguments["FilterExpression"] = "expires_at > :now"
            arguments["ExpressionAttributeValues"][":now"] = {
                "N": str(int(self._now().timestamp()))
            }
        connections: list[str] = []
        while True:
            page = self._client.query(**arguments)
            connections += [item["connection_id"]["S"] for item in page.get("Items", [])]
            if "LastEvaluatedKey" not in page:
                return connections
            arguments["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def _now(self) -> datetime:
        return self._clock.now() if self._clock is not None else datetime.now(UTC)


def _owner_key(owner_id: str, connection_id: str) -> dict[str, Any]:
    return {"pk": {"S": f"OWNER#{owner_id}"}, "sk": {"S": f"CONNECTION#{connection_id}"}}


def _connection_key(connection_id: str) -> dict[str, Any]:
    return {"pk": {"S": f"CONNECTION#{connection_id}"}, "sk": {"S": "CONNECTION"}}


def _live_key(expires: int, owner_id: str, connection_id: str) -> dict[str, Any]:
    """Sorted by expiry (epoch seconds, fixed width), so that a Query reads the open ones only."""
    return {"pk": {"S": LIVE}, "sk": {"S": f"{expires:012d}#{owner_id}#{connection_id}"}}
