"""Contract-test harnesses of the AWS adapters, on the session's moto server.

moto serves in this process (ThreadedMotoServer), so where an effect is seen outside
the adapter (what a phone or a WebSocket connection received) the harness reads
moto's backends. Where moto does not do what the service does, the harness says so
rather than pretending: see `S3BlobHarness.unchecked_links` and `MotoConnections`.
"""

from __future__ import annotations

import functools
import json
import threading
import uuid
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote, unquote_plus, urlsplit

import attrs
import boto3
import httpx
import jwt
from botocore.config import Config
from cryptography.hazmat.primitives.asymmetric import rsa
from moto.apigatewaymanagementapi.models import apigatewaymanagementapi_backends
from moto.core import DEFAULT_ACCOUNT_ID
from moto.core.exceptions import JsonRESTError
from moto.sns.models import sns_backends
from moto.utilities.utils import load_resource

from adapters.aws.apigw_live_updates import ApiGatewayLiveUpdates
from adapters.aws.cognito_user_directory import CognitoUserDirectory
from adapters.aws.dynamodb_live_connections import DynamoDBLiveConnections
from adapters.aws.eventbridge_event_publisher import EventBridgeEventPublisher
from adapters.aws.s3_blob_store import S3BlobStore
from adapters.aws.sns_push_notifier import SnsPushNotifier
from adapters.aws.sqs_job_queue import SqsJobQueue
from adapters.local.settable_clock import SettableClock
from application.messages.events import decode
from application.messages.jobs import job_from_message
from application.ports.blobs import UploadLink
from application.ports.live import LiveClient
from application.ports.notifications import PushNotifier
from domain.access import User
from domain.announcements import Phone, Platform, PushMessage
from tests.support import aws

from .blobs import BlobHarness, LinkRefused
from .identity import KnownApps, TokenMinter
from .live import Listener, LiveHarness, Payload
from .messaging import EventBusHarness, JobQueueHarness, no_worker
from .push import PushHarness

# A poll hides what it received for longer than a test runs, as Lambda's poll does (the
# jobs queue's visibility timeout in template.yaml is 6 times its function's timeout):
# a message whose handler failed comes back later, not to the next drain.
HIDDEN_WHILE_HANDLED = 30


def receive_all(sqs: Any, queue_url: str) -> Iterator[dict[str, Any]]:
    """Every message in the queue now, one at a time."""
    while True:
        answer = sqs.receive_message(
            QueueUrl=queue_url, MaxNumberOfMessages=10, VisibilityTimeout=HIDDEN_WHILE_HANDLED
        )
        if not answer.get("Messages"):
            return
        yield from answer["Messages"]


# Blobs: an HTTP PUT or GET through a presigned URL, to the moto server.


class S3BlobHarness(BlobHarness):
    """S3BlobStore; `created` is what the bucket's ObjectCreated notification announced."""

    # S3 refuses a presigned URL that expired, whose signature does not match, or that is
    # used for another key or HTTP method. moto (5.2) checks none of this: it serves any
    # request whose query has a signature at all (it only refuses unsigned requests to
    # private objects). The tests of those refusals are expected to fail here, strictly.
    unchecked_links = "moto does not verify presigned URLs (signature, expiry, method, key)"

    def __init__(self, testbed: aws.AwsTestbed, clock: SettableClock) -> None:
        # The clock moves nothing here: S3 signs and checks links in real time.
        self.clock, self._created = clock, list[str]()
        s3 = boto3.client(  # SigV4, as the deployment's client must be: see S3BlobStore
            "s3",
            endpoint_url=testbed.endpoint,
            region_name=aws.REGION,
            config=Config(signature_version="s3v4"),
        )
        self.store = S3BlobStore(s3, testbed.bucket)
        self._sqs, self._prefix = aws.client("sqs"), f"/{testbed.bucket}/"
        self._queue = self._sqs.create_queue(QueueName=f"{testbed.bucket}-created")["QueueUrl"]
        arn = self._sqs.get_queue_attributes(QueueUrl=self._queue, AttributeNames=["QueueArn"])
        s3.put_bucket_notification_configuration(
            Bucket=testbed.bucket,
            NotificationConfiguration={
                "QueueConfigurations": [
                    {"QueueArn": arn["Attributes"]["QueueArn"], "Events": ["s3:ObjectCreated:*"]}
                ]
            },
        )

    @property  # type: ignore[override]
    def created(self) -> list[str]:
        for message in receive_all(self._sqs, self._queue):
            records = json.loads(message["Body"]).get("Records", [])  # none in s3:TestEvent
            self._created += [unquote_plus(r["s3"]["object"]["key"]) for r in records]
            self._sqs.delete_message(QueueUrl=self._queue, ReceiptHandle=message["ReceiptHandle"])
        return self._created

    def put(self, link: UploadLink | str, data: bytes) -> None:
        url, headers = (link.url, link.headers) if isinstance(link, UploadLink) else (link, {})
        self._answer(httpx.put(url, content=data, headers=dict(headers)))

    def get(self, link: str) -> bytes:
        return self._answer(httpx.get(link))

    @staticmethod
    def _answer(response: httpx.Response) -> bytes:
        if response.status_code != 200:
            raise LinkRefused(f"S3 answered {response.status_code}: {response.text[:200]}")
        return response.content


# Push: what arrived on each phone's platform endpoint, read from moto's SNS backend.


class _Observed(PushNotifier):
    """The notifier, with the harness looking at the phone's endpoint after each send."""

    def __init__(self, notifier: PushNotifier, after_send: Any) -> None:
        self._notifier, self._after_send = notifier, after_send

    def send(self, phone: Phone, text: str) -> bool:
        reached = self._notifier.send(phone, text)
        self._after_send(phone)
        return reached

    def forget(self, phone: Phone) -> None:
        self._notifier.forget(phone)


class SnsPushHarness(PushHarness):
    """A phone is its device token: what SNS published to the token's endpoint, in the
    payload of the endpoint's platform, is what the phone received.

    moto finds an endpoint by token across all platform applications, where SNS keeps
    tokens apart per application: a token of an earlier test's application is found
    again, so the harness looks at the token's endpoints in any application, reads the
    platform from the endpoint's application, and ignores what arrived before it began.
    """

    PLATFORMS = {"APNS": Platform.IOS, "APNS_SANDBOX": Platform.IOS, "GCM": Platform.ANDROID}

    def __init__(self, testbed: aws.AwsTestbed) -> None:
        self.sns = aws.client("sns")
        self.adapter = SnsPushNotifier(
            self.sns, testbed.apns_platform_arn, testbed.fcm_platform_arn
        )
        self.notifier = _Observed(self.adapter, self._arrived)
        self._sent: list[PushMessage] = []
        self._seen = {
            message_id for endpoint in self._backend_endpoints() for message_id in endpoint.messages
        }

    def sent(self, owner_id: str | None = None) -> list[PushMessage]:
        return [m for m in self._sent if owner_id in (None, m.owner_id)]

    def endpoints(self, phone: Phone) -> list[Any]:
        """moto's platform endpoints of the phone's token."""
        return [e for e in self._backend_endpoints() if e.token == phone.device_token]

    def kept(self, phone: Phone) -> list[str]:
        return [endpoint.arn for endpoint in self.endpoints(phone)]

    @staticmethod
    def _backend_endpoints() -> list[Any]:
        return list(sns_backends[DEFAULT_ACCOUNT_ID][aws.REGION].platform_endpoints.values())

    def _arrived(self, phone: Phone) -> None:
        for endpoint in self.endpoints(phone):
            platform = self.PLATFORMS[endpoint.application.platform]
            for message_id, message in list(endpoint.messages.items()):
                if message_id not in self._seen:
                    self._seen.add(message_id)
                    text = shown_text(platform, message)
                    self._sent.append(PushMessage(phone.owner_id, phone.name, platform, text))


def shown_text(platform: Platform, message: str) -> str:
    """What the phone shows of a MessageStructure=json message: its own platform's payload."""
    payloads = json.loads(message)
    if platform is Platform.IOS:
        return str(json.loads(payloads["APNS"])["aps"]["alert"]["body"])
    fcm = json.loads(payloads["GCM"])["fcmV1Message"]["message"]
    return str(fcm["notification"]["body"])


# Live updates: what each WebSocket connection received, read from moto's backend.


class _Gone(JsonRESTError):
    code = 410


class _Forbidden(JsonRESTError):
    code = 403


class MotoConnections:
    """moto's connections, as API Gateway's would behave.

    moto keeps every connection open for ever (it makes one up for any id) and never
    answers GoneException, as API Gateway does once the client has left. Installed on
    moto's management API backend for one test, this answers 410 GoneException for the
    connections it is told are gone, and makes posts to one connection one at a time
    (moto appends to a connection's data without a lock). It also decodes the connection
    id in the URL path, which moto does not: real ids end in "=", sent as "%3D"."""

    def __init__(self) -> None:
        self.gone: set[str] = set()
        self.forbidden: set[str] = set()  # refused for another reason than being gone
        self.closed: set[str] = set()  # by DeleteConnection; moto forgets what they received
        self.backend = apigatewaymanagementapi_backends[DEFAULT_ACCOUNT_ID][aws.REGION]
        self._lock = threading.Lock()
        self._kept: dict[str, Any] = {}
        post, delete = self.backend.post_to_connection, self.backend.delete_connection

        def post_to_connection(data: bytes, connection_id: str) -> None:
            connection_id = unquote(connection_id)
            with self._lock:
                if connection_id in self.gone:
                    raise _Gone("GoneException", f"connection {connection_id} is gone")
                if connection_id in self.forbidden:
                    raise _Forbidden("ForbiddenException", "Forbidden")
                post(data=data, connection_id=connection_id)

        def delete_connection(connection_id: str) -> None:
            connection_id = unquote(connection_id)
            with self._lock:
                if connection_id in self.gone:
                    raise _Gone("GoneException", f"connection {connection_id} is gone")
                self.closed.add(connection_id)
                self.gone.add(connection_id)  # a closed connection is gone to later posts
                self._kept[connection_id] = self.backend.connections.get(connection_id)
                delete(connection_id=connection_id)

        self.backend.post_to_connection = post_to_connection
        self.backend.delete_connection = delete_connection

    def received(self, connection_id: str) -> list[Payload]:
        connection = self.backend.connections.get(connection_id) or self._kept.get(connection_id)
        data = connection.data.decode() if connection is not None else ""
        payloads, decoder, at = [], json.JSONDecoder(), 0
        while at < len(data):  # moto keeps what was posted as one string, one JSON after another
            payload, at = decoder.raw_decode(data, at)
            payloads.append(payload)
        return payloads

    def uninstall(self) -> None:
        del self.backend.post_to_connection  # the class's own methods show through again
        del self.backend.delete_connection


class ApiGatewayLiveHarness(LiveHarness):
    """Connecting and disconnecting do what the `$connect` and `$disconnect` routes do."""

    def __init__(self, testbed: aws.AwsTestbed) -> None:
        self.connections = DynamoDBLiveConnections(aws.client("dynamodb"), testbed.table)
        self.moto = MotoConnections()
        self.live = ApiGatewayLiveUpdates(aws.client("apigatewaymanagementapi"), self.connections)
        self._listeners: dict[Listener, str] = {}

    def connect(self, owner_id: str, *, failing: bool = False) -> Listener:
        listener, connection_id = Listener(owner_id, failing), f"{uuid.uuid4().hex[:14]}="
        self.connections.attach(owner_id, LiveClient(connection_id))
        if failing:  # the client vanished without a $disconnect
            self.moto.gone.add(connection_id)
        self._listeners[listener] = connection_id
        return listener

    def disconnect(self, listener: Listener) -> None:
        self.connections.detach(self._listeners[listener])
        self.moto.gone.add(self._listeners[listener])

    def connection_id(self, listener: Listener) -> str:
        return self._listeners[listener]

    def is_open(self, listener: Listener) -> bool:
        """At API Gateway: the client is still connected (forgetting it in the registry does
        not close it)."""
        return self._listeners[listener] not in self.moto.closed | self.moto.gone

    def received(self, owner_id: str, count: int) -> list[list[Payload]]:
        """Posting is synchronous: what was published has arrived when `publish` returns."""
        return [
            self.moto.received(connection_id)
            for listener, connection_id in self._listeners.items()
            if listener.owner_id == owner_id
        ]

    def close(self) -> None:
        self.moto.uninstall()


# Messaging: drain does what the EventBridge rule's Lambda and the SQS Lambda do.


class EventBridgeHarness(EventBusHarness):
    """The bus's rule targets a queue here (a Lambda in AWS); drain hands each event on."""

    def __init__(self, testbed: aws.AwsTestbed) -> None:
        self.subscribers = []
        self.publisher = EventBridgeEventPublisher(aws.client("events"), testbed.event_bus)
        self._sqs, self._queue = aws.client("sqs"), testbed.events_queue_url

    def drain(self) -> None:
        for message in receive_all(self._sqs, self._queue):
            envelope = json.loads(message["Body"])
            event = decode(envelope["detail-type"], envelope["detail"])
            for subscriber in list(self.subscribers):
                subscriber(event)
            self._sqs.delete_message(QueueUrl=self._queue, ReceiptHandle=message["ReceiptHandle"])


class SqsJobQueueHarness(JobQueueHarness):
    def __init__(self, testbed: aws.AwsTestbed) -> None:
        self.worker = no_worker
        self._sqs, self._queue = aws.client("sqs"), testbed.jobs_queue_url
        self.queue = SqsJobQueue(self._sqs, self._queue)

    def drain(self) -> None:
        for message in receive_all(self._sqs, self._queue):
            self.worker(job_from_message(message["Body"]))
            self._sqs.delete_message(QueueUrl=self._queue, ReceiptHandle=message["ReceiptHandle"])


# Identity: tokens as moto's Cognito mints them, and its signing key to forge others.


@functools.cache
def moto_signing_key() -> rsa.RSAPrivateKey:
    """The key moto's Cognito signs every token with (kid "dummy"), shipped with moto."""
    jwk = load_resource("cognitoidp/resources/jwks-private.json")
    key = jwt.algorithms.RSAAlgorithm.from_jwk(jwk)
    assert isinstance(key, rsa.RSAPrivateKey)
    return key


class CognitoTokenMinter(TokenMinter):
    """Tokens shaped as moto's Cognito issues them (a genuine token of an owner and one of an
    administrator are the models), for the contract's user ids, signed with moto's key.

    moto's tokens live in real time, so the clock starts at the real now; a token's
    times are the clock's, its lifetime the model's.
    """

    kid = "dummy"
    admin_claim = "cognito:groups"

    def __init__(self, testbed: aws.AwsTestbed, owner_model: str, admin_model: str) -> None:
        self.testbed, self.apps = testbed, KnownApps()
        self.clock, self.signing_key = SettableClock(datetime.now(UTC)), moto_signing_key()
        self.issuer, self.audience = testbed.issuer, testbed.app_client_id
        self.key_locations = (urlsplit(testbed.endpoint).netloc,)
        self._owner, self._admin = _unverified(owner_model), _unverified(admin_model)

    def owner(self, user_id: str) -> str:
        return self._sign(self._owner, user_id)

    def admin(self, user_id: str) -> str:
        return self._sign(self._admin, user_id)

    def app(self, user_id: str, app_id: str) -> str:
        self.apps.know(app_id)
        return self._sign(self._owner, user_id, client_id=app_id)

    def retarget(self, claims: Mapping[str, Any], audience: object) -> dict[str, Any]:
        """An access token's audience is its `client_id`."""
        others = {name: value for name, value in claims.items() if name != "client_id"}
        return others if audience is None else {**others, "client_id": audience}

    def as_id_token(self, claims: Mapping[str, Any]) -> dict[str, Any]:
        """Cognito's ID token: `aud` instead of `client_id`, `cognito:username`, token_use "id"."""
        dropped = ("client_id", "username", "scope", "origin_jti")
        id_claims = {name: value for name, value in claims.items() if name not in dropped}
        renamed = {"aud": claims["client_id"], "cognito:username": claims["username"]}
        return {**id_claims, **renamed, "token_use": "id"}

    def _sign(self, model: Mapping[str, Any], user_id: str, **changes: str) -> str:
        now, lifetime = int(self.clock.now().timestamp()), model["exp"] - model["iat"]
        times = {"iat": now, "auth_time": now, "exp": now + lifetime}
        claims = {**model, **times, "sub": user_id, "username": user_id, **changes}
        claims["jti"] = str(uuid.uuid4())
        return jwt.encode(claims, self.signing_key, algorithm="RS256", headers={"kid": self.kid})


def _unverified(token: str) -> dict[str, Any]:
    claims: dict[str, Any] = jwt.decode(token, options={"verify_signature": False})
    return claims


# Users: signing up is AdminCreateUser (and the admin group), as an administrator does it.


class CognitoUserHarness:
    """CognitoUserDirectory, plus `add` for the contract's sign-ups.

    Cognito assigns each user's id (`sub`): the harness keeps which sub each contract id
    became and lists users under the contract's ids. A username cannot change in
    Cognito, so signing up again under another name is a new user in place of the old.
    """

    # Two users cannot share a username in a user pool, and a user's name is the username.
    names_are_unique = "Cognito usernames are unique in a user pool"

    def __init__(self, testbed: aws.AwsTestbed) -> None:
        self._cognito, self._pool = aws.client("cognito-idp"), testbed.user_pool_id
        self.directory = CognitoUserDirectory(self._cognito, self._pool, aws.ADMIN_GROUP)
        self._usernames: dict[str, str] = {}  # contract id -> username
        self._ids: dict[str, str] = {}  # sub -> contract id

    def add(self, user: User) -> None:
        previous = self._usernames.get(user.id)
        if previous is not None and previous != user.name:
            self._cognito.admin_delete_user(UserPoolId=self._pool, Username=previous)
        if previous != user.name:
            created = self._cognito.admin_create_user(
                UserPoolId=self._pool, Username=user.name, MessageAction="SUPPRESS"
            )
            sub = next(a["Value"] for a in created["User"]["Attributes"] if a["Name"] == "sub")
            self._usernames[user.id], self._ids[sub] = user.name, user.id
        membership = {"UserPoolId": self._pool, "Username": user.name, "GroupName": aws.ADMIN_GROUP}
        if user.is_admin:
            self._cognito.admin_add_user_to_group(**membership)
        else:
            self._cognito.admin_remove_user_from_group(**membership)

    def list_users(self) -> list[User]:
        return [attrs.evolve(user, id=self._ids[user.id]) for user in self.directory.list_users()]

    def remove(self, user_id: str) -> None:
        """The contract's id is the sub Cognito gave the user; an unknown one is passed as is."""
        subs = [sub for sub, contract_id in self._ids.items() if contract_id == user_id]
        for sub in subs or [user_id]:
            self.directory.remove(sub)
        self._usernames.pop(user_id, None)
