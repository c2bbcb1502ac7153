"""The non-HTTP trigger events as thin read-only views over the raw dicts Lambda hands in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote_plus

from entrypoints.http.auth import bearer_token
from entrypoints.http.messages import HttpRequest

Event = Mapping[str, Any]


class IotDelivery:
    """The topic rule's event: the MQTT packet, `{"readings": [...]}` or one reading on its own,
    with `tracker` added by `SELECT *, topic(3) AS tracker`."""

    def __init__(self, raw: Event) -> None:
        self._raw = raw

    @property
    def tracker(self) -> str:
        """As the rule wrote it ("" if none): the use case checks that it is a serial."""
        tracker = self._raw.get("tracker")
        return tracker if isinstance(tracker, str) else ""

    @property
    def readings(self) -> list[object]:
        """As sent: the domain judges each one, so one bad reading never sinks the rest."""
        if "readings" not in self._raw:
            return [{name: value for name, value in self._raw.items() if name != "tracker"}]
        readings = self._raw["readings"]
        return readings if isinstance(readings, list) else [readings]


class S3Notification:
    """S3's event notification; a test event (sent when notifications are set up) has no Records."""

    def __init__(self, raw: Event) -> None:
        self._raw = raw

    @property
    def created_keys(self) -> list[str]:
        """Keys of created objects, decoded: S3 sends them URL-encoded, `+` for a space."""
        return [
            unquote_plus(record["s3"]["object"]["key"])
            for record in self._raw.get("Records", [])
            if str(record.get("eventName", "")).startswith("ObjectCreated:")
        ]


class SqsMessage:
    """One record of an SQS batch."""

    def __init__(self, raw: Event) -> None:
        self._raw = raw

    @property
    def message_id(self) -> str:
        return str(self._raw["messageId"])

    @property
    def body(self) -> str:
        return str(self._raw["body"])

    @property
    def receive_count(self) -> int:
        return int(self._raw.get("attributes", {}).get("ApproximateReceiveCount", 1))


def sqs_messages(raw: Event) -> list[SqsMessage]:
    return [SqsMessage(record) for record in raw.get("Records", [])]


class WebSocketEvent:
    """An API Gateway WebSocket route's event ($connect, $disconnect, $default)."""

    def __init__(self, raw: Event) -> None:
        self._raw = raw

    @property
    def connection_id(self) -> str:
        return str(self._raw["requestContext"]["connectionId"])

    @property
    def token(self) -> str | None:
        """`access_token` in the query (browsers cannot set a WebSocket's headers), or a bearer header."""
        query = self._raw.get("queryStringParameters") or {}
        headers = HttpRequest("GET", "/", headers=self._raw.get("headers") or {})
        return query.get("access_token") or bearer_token(headers)
