"""Events shaped exactly as AWS delivers them to the Lambda handlers (see tests/events/*.json)."""

from __future__ import annotations

import base64
import json
import uuid
from typing import Any
from urllib.parse import quote_plus, urlencode

from entrypoints.http.routes import match


class LambdaContext:
    """What the handlers read of Lambda's context object: the invocation's request id."""

    def __init__(self) -> None:
        self.aws_request_id = str(uuid.uuid4())
        self.function_name = "pawtrack-test"


def http_api(
    method: str,
    path: str,
    headers: dict[str, str],
    body: bytes = b"",
    query: dict[str, str] | None = None,
) -> dict[str, Any]:
    """An API Gateway HTTP API (payload 2.0) event for the route the gateway matched."""
    found = match(method, path)
    route_key = found[0].key if found else "$default"
    return {
        "version": "2.0",
        "routeKey": route_key,
        "rawPath": path,
        "rawQueryString": urlencode(query or {}),
        "headers": {name.lower(): value for name, value in headers.items()},
        "queryStringParameters": query or None,
        "pathParameters": found[1] if found and found[1] else None,
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "pawtrack",
            "domainName": "pawtrack.execute-api.us-east-1.amazonaws.com",
            "http": {
                "method": method,
                "path": path,
                "protocol": "HTTP/1.1",
                "sourceIp": "127.0.0.1",
                "userAgent": "features",
            },
            "requestId": uuid.uuid4().hex,
            "routeKey": route_key,
            "stage": "$default",
            "timeEpoch": 1795408800000,
        },
        **_payload(body),
    }


def _payload(body: bytes) -> dict[str, Any]:
    """Text goes as it is; other bytes base64-encoded, as API Gateway delivers a binary body."""
    if not body:
        return {"body": None, "isBase64Encoded": False}
    try:
        return {"body": body.decode("utf-8"), "isBase64Encoded": False}
    except UnicodeDecodeError:
        return {"body": base64.b64encode(body).decode("ascii"), "isBase64Encoded": True}


def iot_rule(serial: str, readings: list[dict[str, object]]) -> str:
    """What the topic rule `SELECT *, topic(3) AS tracker FROM 'pawtrack/trackers/+/readings'`
    sends to the readings queue for a packet `{"readings": [...]}` on the tracker's topic."""
    return json.dumps({"readings": readings, "tracker": serial})


def s3_object_created(bucket: str, key: str, size: int) -> dict[str, Any]:
    return {
        "Records": [
            {
                "eventVersion": "2.1",
                "eventSource": "aws:s3",
                "awsRegion": "us-east-1",
                "eventTime": "2026-11-21T10:00:00.000Z",
                "eventName": "ObjectCreated:Put",
                "s3": {
                    "s3SchemaVersion": "1.0",
                    "configurationId": "bundles",
                    "bucket": {"name": bucket, "arn": f"arn:aws:s3:::{bucket}"},
                    "object": {
                        "key": quote_plus(key, safe="/"),
                        "size": size,
                        "sequencer": "0A1B2C3D4E5F678901",
                    },
                },
            }
        ]
    }


def queue_arn(queue_url: str) -> str:
    """The ARN of a queue of the test account, from its URL."""
    return f"arn:aws:sqs:us-east-1:123456789012:{queue_url.rsplit('/', 1)[1]}"


def sqs_batch(queue_arn: str, messages: list[dict[str, Any]]) -> dict[str, Any]:
    """What the SQS event source mapping hands to the function for received messages."""
    return {
        "Records": [
            {
                "messageId": message["MessageId"],
                "receiptHandle": message["ReceiptHandle"],
                "body": message["Body"],
                "attributes": {
                    "ApproximateReceiveCount": message.get("Attributes", {}).get(
                        "ApproximateReceiveCount", "1"
                    ),
                    "SentTimestamp": message.get("Attributes", {}).get("SentTimestamp", "0"),
                },
                "messageAttributes": {},
                "md5OfBody": message.get("MD5OfBody", ""),
                "eventSource": "aws:sqs",
                "eventSourceARN": queue_arn,
                "awsRegion": "us-east-1",
            }
            for message in messages
        ]
    }


def websocket(route: str, connection_id: str, token: str | None = None) -> dict[str, Any]:
    event_type = {"$connect": "CONNECT", "$disconnect": "DISCONNECT"}.get(route, "MESSAGE")
    return {
        "requestContext": {
            "routeKey": route,
            "eventType": event_type,
            "connectionId": connection_id,
            "domainName": "live.execute-api.us-east-1.amazonaws.com",
            "stage": "live",
            "apiId": "live",
            "requestId": uuid.uuid4().hex,
        },
        "queryStringParameters": {"access_token": token} if token else None,
        "isBase64Encoded": False,
    }


def eventbridge(body: str) -> dict[str, Any]:
    """The rule's target receives the event itself; the tests' SQS target carries it as the body."""
    event: dict[str, Any] = json.loads(body)
    return event
