"""The non-HTTP trigger events as thin read-only views over the raw values Lambda hands in.

A view checks the shape it reads when it is made: an event of another trigger, or a damaged
one, is MalformedEvent (entrypoints/triggers.py), which its handler answers with one log line.
A Lambda event may be any JSON value (a direct invocation sends what it likes).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote_plus

from application.messages.events import PAWTRACK_SOURCE
from entrypoints.http.auth import bearer_token
from entrypoints.http.messages import HttpRequest
from entrypoints.triggers import MalformedEvent, a_text, an_object

Event = Any  # whatever JSON the platform (or a direct invocation) sent


class IotDelivery:
    """The topic rule's event: the MQTT packet, `{"readings": [...]}` or one reading on its own,
    with `tracker` added by `SELECT *, topic(3) AS tracker`."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
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
    """S3's event notification: ObjectCreated records, each naming its bucket and key (a test
    event, sent when notifications are set up, has no Records)."""

    def __init__(self, raw: Event) -> None:
        event = an_object(raw, "an S3 notification")
        if "Records" not in event and event.get("Event") != "s3:TestEvent":
            raise MalformedEvent("not an S3 notification: it has no Records")
        records = event.get("Records", [])
        if not isinstance(records, list):
            raise MalformedEvent("an S3 notification's Records is not a list")
        self._records = [_s3_record(record, index) for index, record in enumerate(records)]

    @property
    def created(self) -> list[tuple[str, str]]:
        """(bucket, key) of each created object, the key decoded: S3 sends it URL-encoded,
        `+` for a space."""
        return [(bucket, key) for name, bucket, key in self._records if _is_created(name)]


def _s3_record(raw: object, index: int) -> tuple[str, str, str]:
    what = f"S3 record {index}"
    record = an_object(raw, what)
    if record.get("eventSource") != "aws:s3":
        raise MalformedEvent(f"{what} is not S3's")
    s3 = an_object(record.get("s3"), f"{what}'s s3")
    bucket = a_text(an_object(s3.get("bucket"), f"{what}'s bucket"), "name", f"{what}'s bucket")
    key = a_text(an_object(s3.get("object"), f"{what}'s object"), "key", f"{what}'s object")
    return a_text(record, "eventName", what), bucket, unquote_plus(key)


def _is_created(event_name: str) -> bool:
    return event_name.startswith("ObjectCreated:")


class SqsMessage:
    """One record of an SQS batch, named by its messageId (so that it can be retried)."""

    def __init__(self, raw: Mapping[str, Any], message_id: str) -> None:
        self._raw, self.message_id = raw, message_id

    @property
    def body(self) -> str:
        """The message's text; MalformedEvent for a record that is not SQS's or has none."""
        body = self._raw.get("body")
        if self._raw.get("eventSource") != "aws:sqs" or not isinstance(body, str):
            raise MalformedEvent(f"record {self.message_id} is not an SQS message with a body")
        return body

    @property
    def receive_count(self) -> int:
        attributes = self._raw.get("attributes")
        count = attributes.get("ApproximateReceiveCount") if isinstance(attributes, Mapping) else 1
        return int(str(count)) if str(count).isdigit() else 1


def sqs_messages(raw: Event) -> tuple[list[SqsMessage], list[str]]:
    """The batch's messages, and what was wrong with each record that names no message (it
    cannot be retried: only a messageId can be named in batchItemFailures)."""
    records = an_object(raw, "an SQS batch").get("Records")
    if not isinstance(records, list):
        raise MalformedEvent("not an SQS batch: it has no list of Records")
    messages, unnamed = [], []
    for index, record in enumerate(records):
        message_id = record.get("messageId") if isinstance(record, Mapping) else None
        if isinstance(record, Mapping) and isinstance(message_id, str) and message_id:
            messages.append(SqsMessage(record, message_id))
        else:
            unnamed.append(f"record {index} of the batch names no SQS message")
    return messages, unnamed


class EventBridgeEvent:
    """An event of Pawtrack's bus, as the rule hands it on: its type and its detail."""

    def __init__(self, raw: Event) -> None:
        event = an_object(raw, "an EventBridge event")
        source = a_text(event, "source", "an EventBridge event")
        if source != PAWTRACK_SOURCE:
            raise MalformedEvent(f"an event of {source!r}, not of Pawtrack's bus")
        self.id = str(event.get("id", ""))
        self.detail_type = a_text(event, "detail-type", "an EventBridge event")
        if "detail" not in event:
            raise MalformedEvent("an EventBridge event without a detail")
        self.detail: object = event["detail"]


class WebSocketEvent:
    """An API Gateway WebSocket route's event ($connect, $disconnect, $default), of the kind
    the route receives (`event_type`: CONNECT, DISCONNECT or MESSAGE)."""

    def __init__(self, raw: Event, event_type: str) -> None:
        self._raw = an_object(raw, "a WebSocket event")
        context = an_object(self._raw.get("requestContext"), "a WebSocket event's requestContext")
        if context.get("eventType") != event_type:
            raise MalformedEvent(f"not a WebSocket {event_type} event")
        self.connection_id = a_text(context, "connectionId", "a WebSocket event")

    @property
    def token(self) -> str | None:
        """`access_token` in the query (browsers cannot set a WebSocket's headers), or a bearer header."""
        query = self._raw.get("queryStringParameters") or {}
        headers = self._raw.get("headers") or {}
        if not isinstance(query, Mapping) or not isinstance(headers, Mapping):
            raise MalformedEvent("a WebSocket event's query or headers are not JSON objects")
        token = query.get("access_token")
        bearer = bearer_token(HttpRequest("GET", "/", headers=dict(headers)))
        return token if isinstance(token, str) and token else bearer
