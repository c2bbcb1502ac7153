"""The `aws` binding: every action through the Lambda handlers, with events shaped as AWS
delivers them, against a moto server on 127.0.0.1; owners' and apps' tokens from moto's Cognito.

Where AWS would invoke a function by itself (an S3 notification, an SQS event source, an
EventBridge rule), the driver does what AWS does: it reads the queue and invokes the handler.
"""

from __future__ import annotations

import base64
import io
import json
import os
import time
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from unittest import mock
from urllib.parse import quote, unquote, urlencode

import httpx
import jwt
from dependency_injector import providers

from adapters.local.settable_clock import SettableClock
from entrypoints.aws_lambda import events, http, readings, runtime, s3, sqs, websocket
from entrypoints.settings import Settings
from entrypoints.wiring import build_container
from tests.support.aws import AwsTestbed, client, provision, sign_in
from tests.support.drivers import aws_events
from tests.support.drivers.api import Answer, ApiDriver
from tests.support.drivers.base import Delivery, Refused
from tests.support.drivers.operator import OperatorActions
from tests.support.drivers.traces import Record
from tests.support.fake_sign_in import FakeManagedLogin
from tests.support.telemetry import Line, emf_totals, parsed

PUBLIC_URL = "https://api.pawtrack.example"


class AwsDriver(OperatorActions, ApiDriver):
    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self.testbed: AwsTestbed = provision()
        self.managed_login = FakeManagedLogin()  # Cognito's managed login domain
        self.environment = mock.patch.dict(
            os.environ,
            {
                **self.testbed.environment(),
                "PAWTRACK_SIGNIN_URL": self.managed_login.url,
                "PAWTRACK_PUBLIC_URL": PUBLIC_URL,
                "PAWTRACK_WEBHOOKS_TO_LOOPBACK": "1",  # the apps' receivers listen on 127.0.0.1
            },
        )
        self.environment.start()
        self.clock = SettableClock()
        self.c = build_container(Settings.from_environment())
        self.c.ports().clock.override(providers.Object(self.clock))
        self.telemetry_out = io.StringIO()  # what the functions write to stdout (CloudWatch Logs)
        self.c.ports().telemetry_stream.override(providers.Object(self.telemetry_out))
        runtime.use_container(self.c)
        self.admins: set[str] = set()
        self.tokens: dict[tuple[str, str | None], str] = {}
        self.connections: dict[str, str] = {}

    def close(self) -> None:
        runtime.use_container(None)
        self.environment.stop()
        self.managed_login.close()
        self.close_receivers()

    # The approval workflow (Step Functions on moto, running in a thread of the server) queues
    # its task token for the jobs function; a decision needs it, so wait until it is kept.
    def request_app(self, name: str, redirect_uri: str, limit: int | None = None) -> None:
        super().request_app(name, redirect_uri, limit)
        key = {"pk": {"S": f"APPREQUEST#{self.oauth[name].request_id}"}, "sk": {"S": "WORKFLOW"}}
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            self.settle()
            if "Item" in client("dynamodb").get_item(TableName=self.testbed.table, Key=key):
                return
            time.sleep(0.05)
        raise AssertionError("the approval workflow never queued its task token")

    # Owners sign in with Cognito's managed login, which returns them to Pawtrack with a code.
    def sign_in_at_provider(self, owner: str, sign_in_url: str) -> str:
        url = httpx.URL(sign_in_url)
        assert (url.host, url.port, url.path) == (
            "127.0.0.1",
            self.managed_login._server.server_address[1],
            "/oauth2/authorize",
        ), sign_in_url
        client_id, return_to = url.params["client_id"], url.params["redirect_uri"]
        assert (client_id, return_to) == (self.testbed.app_client_id, f"{PUBLIC_URL}/oauth/login")
        code = self.managed_login.codes.issue(self.token(owner), client_id, return_to)
        return f"{return_to}?{urlencode({'code': code, 'state': url.params['state']})}"

    # Transport: API Gateway's HTTP API invoking the function.
    def send(
        self, method: str, path: str, headers: dict[str, str], body: bytes, query: dict[str, str]
    ) -> Answer:
        response = http.handler(
            aws_events.http_api(method, path, headers, body, query), aws_events.LambdaContext()
        )
        payload = response.get("body") or ""
        data = base64.b64decode(payload) if response.get("isBase64Encoded") else payload.encode()
        headers = {name.lower(): value for name, value in (response.get("headers") or {}).items()}
        return Answer(response["statusCode"], headers, data)

    def token(self, user: str, app: str | None = None) -> str:
        key = (user, app)
        if key not in self.tokens and user in self.old_tokens:
            # Cognito signs in no deleted user (sign_in would sign them up again).
            raise Refused("unauthorized", f"{user} deleted their account")
        if key not in self.tokens:
            client_id = self.ids[app] if app else None
            self.tokens[key] = sign_in(
                self.testbed, user, admin=user in self.admins, client_id=client_id
            )
        return self.tokens[key]

    def put_object(self, url: str, data: bytes, headers: dict[str, str]) -> None:
        response = httpx.put(url, content=data, headers=headers)
        assert response.status_code in (200, 204), response.text
        key = httpx.URL(url).path.split("/", 2)[2]
        s3.handler(
            aws_events.s3_object_created(self.testbed.bucket, key, len(data)),
            aws_events.LambdaContext(),
        )
        self.settle()

    def settle(self) -> None:
        """Deliver what is queued, as the event source mapping and the rule's target would."""
        while self._deliver_jobs() + self._deliver_events():
            pass

    def _deliver_jobs(self) -> int:
        messages = self._receive(self.testbed.jobs_queue_url)
        if messages:
            arn = aws_events.queue_arn(self.testbed.jobs_queue_url)
            answer = sqs.handler(aws_events.sqs_batch(arn, messages), aws_events.LambdaContext())
            failed = {f["itemIdentifier"] for f in answer.get("batchItemFailures", [])}
            assert not failed, f"jobs failed: {failed}"
            self._delete(self.testbed.jobs_queue_url, messages)
        return len(messages)

    def _deliver_events(self) -> int:
        messages = self._receive(self.testbed.events_queue_url)
        for message in messages:
            events.handler(aws_events.eventbridge(message["Body"]), aws_events.LambdaContext())
        self._delete(self.testbed.events_queue_url, messages)
        return len(messages)

    def _receive(self, queue_url: str) -> list[dict[str, Any]]:
        answer = client("sqs").receive_message(
            QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=0, AttributeNames=["All"]
        )
        return list(answer.get("Messages", []))

    def _delete(self, queue_url: str, messages: list[dict[str, Any]]) -> None:
        for message in messages:
            client("sqs").delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])

    # The world
    def set_time(self, now: datetime) -> None:
        self.clock.set(now)

    def add_user(self, name: str, *, admin: bool = False) -> None:
        if admin:
            self.admins.add(name)
        self.token(name)  # signs the user up with Cognito

    # Trackers publish MQTT packets to their Basic Ingest topic; its rule sends each to the
    # readings queue, whose event source mapping hands batches to the readings function.
    def report_readings(self, serial: str, sent: list[dict[str, object]]) -> Delivery:
        queue = self.testbed.readings_queue_url
        message_id = client("sqs").send_message(
            QueueUrl=queue, MessageBody=aws_events.iot_rule(serial, sent)
        )["MessageId"]
        report = self.deliver_readings()[message_id]
        self.settle()
        rejected = tuple((r["position"], r["field"]) for r in report["rejected"])
        return Delivery(report["accepted"], report["duplicates"], rejected)

    def deliver_readings(self) -> dict[str, Any]:
        """One batch of the readings queue through its function, as the event source mapping
        hands it on: the reports of the packets, by message id. Failed packets stay queued."""
        queue = self.testbed.readings_queue_url
        messages = self._receive(queue)
        answer = readings.handler(
            aws_events.sqs_batch(aws_events.queue_arn(queue), messages),
            aws_events.LambdaContext(),
        )
        failed = {f["itemIdentifier"] for f in answer["batchItemFailures"]}
        self._delete(queue, [m for m in messages if m["MessageId"] not in failed])
        assert not failed, f"packets failed: {failed}"
        reports: dict[str, Any] = answer["reports"]
        return reports

    # Phones: what SNS delivered to each platform endpoint; live: what API Gateway posted.
    def received_notifications(self, phone: str) -> list[str]:
        from moto.sns.models import sns_backends

        backend = sns_backends["123456789012"]["us-east-1"]
        ours = (self.testbed.apns_platform_arn, self.testbed.fcm_platform_arn)
        texts = []
        for endpoint in backend.platform_endpoints.values():
            if endpoint.application.arn in ours and endpoint.token == self.device_token(phone):
                texts += [json.loads(message)["default"] for message in endpoint.messages.values()]
        return texts

    def connect_live(self, owner: str) -> None:
        connection_id = uuid.uuid4().hex[:12] + "="
        answer = websocket.connect(
            aws_events.websocket("$connect", connection_id, self.token(owner)),
            aws_events.LambdaContext(),
        )
        assert answer["statusCode"] == 200, answer
        self.connections[owner] = connection_id
        self.footprint(owner).connections.add(connection_id)

    def live_updates(self, owner: str, expected: int) -> list[dict[str, object]]:
        from moto.apigatewaymanagementapi.models import apigatewaymanagementapi_backends

        if owner not in self.connections:
            return []
        backend = apigatewaymanagementapi_backends["123456789012"]["us-east-1"]
        # moto keeps the id as it came in the request path, where botocore escaped its '='.
        connection_id = quote(self.connections[owner], safe="")
        connection = backend.connections.get(connection_id)
        return _documents(connection.data.decode()) if connection else []

    # Operations: the log group's lines, and the metrics CloudWatch extracts from them (EMF).
    def telemetry_lines(self) -> list[Line]:
        return parsed(self.telemetry_out.getvalue())

    def metric_totals(self) -> dict[str, float]:
        return emf_totals(self.telemetry_lines())

    # Privacy: what the deployment's stores hold, read from them directly.
    def user_id(self, name: str) -> str:
        return str(jwt.decode(self.token(name), options={"verify_signature": False})["sub"])

    def records(self) -> Iterator[Record]:
        yield from self._table_items()
        s3 = client("s3").get_paginator("list_objects_v2").paginate(Bucket=self.testbed.bucket)
        for key in (o["Key"] for page in s3 for o in page.get("Contents", [])):
            yield ("photos" if key.startswith("photos/") else "bundles"), f"s3 {key}", ""
        yield from self._platform_endpoints()
        users = client("cognito-idp").get_paginator("list_users")
        for page in users.paginate(UserPoolId=self.testbed.user_pool_id):
            for user in page["Users"]:
                yield "identity", f"cognito user {user['Username']}", repr(user)
        for connection_id in _moto_connections():
            yield "live", f"api gateway connection {unquote(connection_id)}", ""

    def _table_items(self) -> Iterator[Record]:
        """A Scan: fine for a test, never on a request path."""
        for page in client("dynamodb").get_paginator("scan").paginate(TableName=self.testbed.table):
            for item in page["Items"]:
                pk, sk = item["pk"]["S"], item["sk"]["S"]
                yield _item_kind(pk, sk), f"item {pk} / {sk}", repr(item)

    def _platform_endpoints(self) -> Iterator[Record]:
        from moto.sns.models import sns_backends

        ours = (self.testbed.apns_platform_arn, self.testbed.fcm_platform_arn)
        for endpoint in sns_backends["123456789012"]["us-east-1"].platform_endpoints.values():
            if endpoint.application.arn in ours:
                yield "push", f"sns endpoint {endpoint.arn}", endpoint.token


def _moto_connections() -> list[str]:
    from moto.apigatewaymanagementapi.models import apigatewaymanagementapi_backends

    return list(apigatewaymanagementapi_backends["123456789012"]["us-east-1"].connections)


ITEM_KINDS = {  # by the pk's prefix; the owner's partition and the pet's by the sk
    "LIVE": "live",
    "TRACKER": "trackers",
    "QUARANTINE": "quarantine",
    "CONNECTION": "live",
    "BUNDLE": "bundles",
    "ANNOUNCEMENT": "announcements",
    "ERASED": "identity",
}
OWNER_ITEM_KINDS = {
    "PROFILE": "profile",
    "PHONE": "phones",
    "GRANT": "grants",
    "CONNECTION": "live",
}


def _item_kind(pk: str, sk: str) -> str:
    prefix, sort = pk.split("#", 1)[0], sk.split("#", 1)[0]
    if prefix == "PET":
        return "pets" if sort == "PET" else "activity"  # the pet's days and chunks
    if prefix == "OWNER":
        return OWNER_ITEM_KINDS.get(sort, "other")
    return ITEM_KINDS.get(prefix, "other")


def _documents(data: str) -> list[dict[str, object]]:
    """The JSON documents posted to a connection, which moto keeps end to end."""
    decoder, found, at = json.JSONDecoder(), [], 0
    while at < len(data):
        document, at = decoder.raw_decode(data, at)
        found.append(document)
    return found
