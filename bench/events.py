"""The events the benchmark hands to the handlers, shaped as AWS delivers them
(tests/support/drivers/aws_events.py has the same shapes; this copy imports nothing of Pawtrack)."""

from __future__ import annotations

import json
import os
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

ROUTE = "/pets/{pet_id}/activity/{day}"


class Context:
    """Enough of a LambdaContext for the frameworks that read one."""

    function_name = "bench"
    function_version = "$LATEST"
    memory_limit_in_mb = 512
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:bench"
    aws_request_id = "bench"
    log_group_name = "/aws/lambda/bench"
    log_stream_name = "bench"

    def get_remaining_time_in_millis(self) -> int:
        return 30_000


def http_event(version: str, token: str, pet_id: str, day: str) -> dict[str, Any]:
    path = f"/pets/{pet_id}/activity/{day}"
    headers = {"authorization": f"Bearer {token}", "host": "api.example.com"}
    params = {"pet_id": pet_id, "day": day}
    if version == "1.0":  # REST API: the format Chalice reads
        return {
            "version": "1.0",
            "resource": ROUTE,
            "path": path,
            "httpMethod": "GET",
            "headers": headers,
            "multiValueHeaders": {k: [v] for k, v in headers.items()},
            "queryStringParameters": None,
            "multiValueQueryStringParameters": None,
            "pathParameters": params,
            "stageVariables": None,
            "requestContext": {
                "resourcePath": ROUTE,
                "httpMethod": "GET",
                "path": f"/prod{path}",
                "stage": "prod",
                "requestId": uuid.uuid4().hex,
                "accountId": "123456789012",
                "apiId": "bench",
                "identity": {"sourceIp": "127.0.0.1"},
            },
            "body": None,
            "isBase64Encoded": False,
        }
    return {
        "version": "2.0",
        "routeKey": f"GET {ROUTE}",
        "rawPath": path,
        "rawQueryString": "",
        "headers": headers,
        "pathParameters": params,
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "bench",
            "domainName": "api.example.com",
            "http": {
                "method": "GET",
                "path": path,
                "protocol": "HTTP/1.1",
                "sourceIp": "127.0.0.1",
                "userAgent": "bench",
            },
            "requestId": uuid.uuid4().hex,
            "routeKey": f"GET {ROUTE}",
            "stage": "$default",
            "time": "21/Nov/2026:10:00:00 +0000",
            "timeEpoch": 1795408800000,
        },
        "isBase64Encoded": False,
    }


def packet(count: int, start: datetime | None = None) -> list[dict[str, object]]:
    """`count` readings a minute apart, ending a minute ago: one MQTT packet's worth."""
    first = start or datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=count)
    return [
        {
            "time": (first + timedelta(minutes=n)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "steps": 40 + n % 7,
            "latitude": 52.52,
            "longitude": 13.405,
            "battery": 90,
        }
        for n in range(count)
    ]


def function_event(function: str) -> tuple[str, str, dict[str, Any]]:
    """(module, handler, event) of one Lambda function of template.yaml, from BENCH_* settings."""
    env = os.environ
    if function == "http":
        event = http_event("2.0", env["BENCH_TOKEN"], env["BENCH_PET_ID"], env["BENCH_DAY"])
        return "entrypoints.aws_lambda.http", "handler", event
    if function == "readings":
        body = json.dumps({"readings": packet(10), "tracker": env["BENCH_SERIAL"]})
        record = {
            "messageId": uuid.uuid4().hex, "receiptHandle": "bench", "body": body,
            "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "0"},
            "messageAttributes": {}, "md5OfBody": "", "eventSource": "aws:sqs",
            "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:readings", "awsRegion": "us-east-1",
        }  # fmt: skip
        return "entrypoints.aws_lambda.readings", "handler", {"Records": [record]}
    if function == "s3":
        record = {
            "eventVersion": "2.1", "eventSource": "aws:s3", "awsRegion": "us-east-1",
            "eventName": "ObjectCreated:Put",
            "s3": {
                "bucket": {"name": env["PAWTRACK_BUCKET"]},
                "object": {"key": f"bundles/{uuid.uuid4().hex}.jsonl", "size": 10},
            },
        }  # fmt: skip
        return "entrypoints.aws_lambda.s3", "handler", {"Records": [record]}
    if function == "sqs":
        record = {
            "messageId": uuid.uuid4().hex, "receiptHandle": "bench",
            "body": json.dumps({"job": "process-bundle", "bundle_id": env["BENCH_BUNDLE_ID"]}),
            "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "0"},
            "messageAttributes": {}, "md5OfBody": "", "eventSource": "aws:sqs",
            "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:jobs", "awsRegion": "us-east-1",
        }  # fmt: skip
        return "entrypoints.aws_lambda.sqs", "handler", {"Records": [record]}
    if function == "websocket":
        event = {
            "requestContext": {
                "routeKey": "$connect", "eventType": "CONNECT",
                "connectionId": uuid.uuid4().hex[:12] + "=", "domainName": "live.example.com",
                "stage": "live", "apiId": "live", "requestId": uuid.uuid4().hex,
            },
            "queryStringParameters": {"access_token": env["BENCH_TOKEN"]},
            "isBase64Encoded": False,
        }  # fmt: skip
        return "entrypoints.aws_lambda.websocket", "connect", event
    raise ValueError(function)
