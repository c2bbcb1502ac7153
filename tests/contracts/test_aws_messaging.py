"""The AWS messaging adapters' own guarantees, beyond their ports: the wire formats the
Lambda handlers read, what reaches EventBridge, SQS, S3, SNS and API Gateway, and how
they recover from a phone or a connection that is gone (on the session's moto server)."""

from __future__ import annotations

import json
import logging
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from botocore.exceptions import ClientError

from adapters.aws.dynamodb_live_connections import DynamoDBLiveConnections
from adapters.aws.eventbridge_event_publisher import (
    EventBridgeEventPublisher,
    EventNotPublished,
)
from adapters.aws.sns_push_notifier import SnsPushNotifier
from adapters.aws.sqs_job_queue import SqsJobQueue
from adapters.local.settable_clock import SettableClock
from application.messages.events import decode
from application.messages.jobs import job_from_message
from application.ports.live import LiveClient
from application.ports.messaging import ProcessBundle
from domain.announcements import ActivityUpdated, BatteryLow, GoalReached, Phone, Platform
from tests.support import aws

from .harnesses.aws import ApiGatewayLiveHarness, S3BlobHarness, SnsPushHarness, receive_all

DAY = date(2026, 11, 20)
EVENTS = [
    GoalReached("alice", "rex", "Rex", DAY, 8000),
    BatteryLow("alice", "rex", "Rex", "T-1", 9, "2026-11-20T08:00:00Z"),
    ActivityUpdated("alice", "rex", DAY, 8200),
]


@pytest.fixture
def testbed() -> aws.AwsTestbed:
    return aws.provision()


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: type(e).__name__)
def test_an_event_reaches_the_rule_as_pawtrack_its_type_and_its_fields(
    testbed: aws.AwsTestbed, event: Any
) -> None:
    EventBridgeEventPublisher(aws.client("events"), testbed.event_bus).publish(event)
    [message] = receive_all(aws.client("sqs"), testbed.events_queue_url)
    envelope = json.loads(message["Body"])
    assert (envelope["source"], envelope["detail-type"]) == ("pawtrack", type(event).__name__)
    assert decode(envelope["detail-type"], envelope["detail"]) == event


def test_the_detail_is_plain_json() -> None:
    detail = {"owner_id": "alice", "pet_id": "rex", "pet_name": "Rex", "day": "2026-11-20"}
    assert decode("GoalReached", {**detail, "goal": 8000}) == EVENTS[0]


@pytest.mark.parametrize(
    ("detail_type", "changes"),
    [
        ("PetAdopted", {}),
        ("GoalReached", {"goal": "8000"}),
        ("GoalReached", {"goal": True}),
        ("GoalReached", {"day": "20.11.2026"}),
        ("GoalReached", {"pet_name": None}),
        ("GoalReached", {"extra": 1}),
        ("BatteryLow", {}),
    ],
)
def test_an_unreadable_event_is_a_value_error(detail_type: str, changes: dict[str, Any]) -> None:
    detail = {"owner_id": "alice", "pet_id": "rex", "pet_name": "Rex", "day": "2026-11-20"}
    with pytest.raises(ValueError):
        decode(detail_type, {**detail, "goal": 8000, **changes})


class RefusingEvents:
    """An EventBridge client whose every entry fails, as PutEvents reports it."""

    def put_events(self, Entries: list[dict[str, Any]]) -> dict[str, Any]:
        return {"FailedEntryCount": 1, "Entries": [{"ErrorCode": "InternalFailure"}]}


def test_an_event_eventbridge_refuses_raises() -> None:
    with pytest.raises(EventNotPublished, match="InternalFailure"):
        EventBridgeEventPublisher(RefusingEvents(), "bus").publish(EVENTS[0])


def test_a_job_is_a_json_message_the_sqs_handler_reads(testbed: aws.AwsTestbed) -> None:
    SqsJobQueue(aws.client("sqs"), testbed.jobs_queue_url).enqueue(ProcessBundle("b-1"))
    [message] = receive_all(aws.client("sqs"), testbed.jobs_queue_url)
    assert json.loads(message["Body"]) == {"job": "process-bundle", "bundle_id": "b-1"}
    assert job_from_message(message["Body"]) == ProcessBundle("b-1")


@pytest.mark.parametrize(
    "body",
    ["", "not json", "[]", '{"job": "feed-cat", "bundle_id": "b-1"}', '{"job": "process-bundle"}'],
)
def test_a_message_that_is_not_a_job_is_a_value_error(body: str) -> None:
    with pytest.raises(ValueError):
        job_from_message(body)


def test_an_upload_link_binds_the_content_type_and_its_lifetime(testbed: aws.AwsTestbed) -> None:
    blobs = S3BlobHarness(testbed, SettableClock())
    link = blobs.store.upload_link("photos/rex.jpg", "image/jpeg", timedelta(minutes=15))
    query = parse_qs(urlsplit(link.url).query)
    assert query["X-Amz-SignedHeaders"] == ["content-type;host"]
    assert query["X-Amz-Expires"] == ["900"]
    assert link.headers == {"Content-Type": "image/jpeg"}
    assert httpx.put(link.url, content=b"jpeg", headers=dict(link.headers)).is_success
    head = aws.client("s3").head_object(Bucket=testbed.bucket, Key="photos/rex.jpg")
    assert head["ContentType"] == "image/jpeg"


# Push: a phone whose endpoint SNS disabled is reached through a new one, or skipped.


def phone(platform: Platform = Platform.IOS, name: str = "iphone") -> Phone:
    return Phone("alice", name, platform, uuid.uuid4().hex * 2)  # tokens unique to the test


def disable(arn: str) -> None:
    """What SNS does when Apple or Google report the endpoint's token invalid."""
    aws.client("sns").set_endpoint_attributes(EndpointArn=arn, Attributes={"Enabled": "false"})


def test_each_phone_gets_an_endpoint_of_its_token_in_its_platforms_application(
    testbed: aws.AwsTestbed,
) -> None:
    push = SnsPushHarness(testbed)
    iphone, pixel = phone(), phone(Platform.ANDROID, "pixel")
    for each in (iphone, pixel, iphone):
        push.notifier.send(each, "hello")
    [ios], [android] = push.endpoints(iphone), push.endpoints(pixel)
    assert ios.application.arn == testbed.apns_platform_arn
    assert android.application.arn == testbed.fcm_platform_arn
    assert (len(ios.messages), len(android.messages)) == (2, 1)


def test_a_disabled_endpoint_is_replaced_by_an_enabled_one(testbed: aws.AwsTestbed) -> None:
    push, iphone = SnsPushHarness(testbed), phone()
    push.notifier.send(iphone, "first")
    [first] = push.endpoints(iphone)
    disable(first.arn)
    push.notifier.send(iphone, "second")
    [second] = push.endpoints(iphone)
    assert second.arn != first.arn and second.enabled
    assert [m.text for m in push.sent()] == ["first", "second"]


def test_an_endpoint_disabled_before_the_publish_is_replaced(testbed: aws.AwsTestbed) -> None:
    push, iphone = SnsPushHarness(testbed), phone()
    disabled: list[str] = []

    def disable_once(params: dict[str, Any], **_: Any) -> None:
        if not disabled:
            disabled.append(params["TargetArn"])
            disable(params["TargetArn"])

    push.sns.meta.events.register("provide-client-params.sns.Publish", disable_once)
    push.notifier.send(iphone, "hello")
    assert [m.text for m in push.sent()] == ["hello"]
    assert [e.arn for e in push.endpoints(iphone)] != disabled


def test_a_phone_that_stays_unreachable_is_skipped_and_said_so(
    testbed: aws.AwsTestbed, caplog: pytest.LogCaptureFixture
) -> None:
    push, dead, alive = SnsPushHarness(testbed), phone(), phone(Platform.ANDROID, "pixel")

    def disable_the_dead(params: dict[str, Any], **_: Any) -> None:
        if params["TargetArn"] in {e.arn for e in push.endpoints(dead)}:
            disable(params["TargetArn"])

    push.sns.meta.events.register("provide-client-params.sns.Publish", disable_the_dead)
    with caplog.at_level(logging.INFO, "adapters.aws.sns_push_notifier"):
        reached = [push.notifier.send(each, "hello") for each in (dead, alive)]
    assert reached == [False, True]  # Announce tells the first as a failed push
    assert [(m.phone, m.text) for m in push.sent()] == [("pixel", "hello")]
    assert "'iphone' skipped" in caplog.text


def test_a_failure_that_is_not_the_phones_raises(testbed: aws.AwsTestbed) -> None:
    notifier = SnsPushNotifier(aws.client("sns"), f"{testbed.apns_platform_arn}-gone", "none")
    with pytest.raises(ClientError):
        notifier.send(phone(), "hello")


# Live updates: connections in the table, and what API Gateway says of them.


def test_a_connection_api_gateway_reports_gone_is_forgotten(testbed: aws.AwsTestbed) -> None:
    live = ApiGatewayLiveHarness(testbed)
    try:
        gone, open_ = live.connect("alice", failing=True), live.connect("alice")
        live.live.publish(EVENTS[2])
        assert live.connections.of_owner("alice") == [live.connection_id(open_)]
        assert live.received("alice", 1) == [[], [EVENTS[2].payload()]]
        assert live.connection_id(gone) not in live.connections.of_owner("alice")
    finally:
        live.close()


def test_another_failure_of_a_connection_keeps_it_and_spares_the_others(
    testbed: aws.AwsTestbed, caplog: pytest.LogCaptureFixture
) -> None:
    live = ApiGatewayLiveHarness(testbed)
    try:
        refused, healthy = live.connect("alice"), live.connect("alice")
        live.moto.forbidden.add(live.connection_id(refused))
        with caplog.at_level(logging.WARNING, "adapters.aws.apigw_live_updates"):
            live.live.publish(EVENTS[2])
        assert live.received("alice", 1) == [[], [EVENTS[2].payload()]]
        assert live.connection_id(refused) in live.connections.of_owner("alice")
        assert "ForbiddenException" in caplog.text
        assert live.connection_id(healthy) in live.connections.of_owner("alice")
    finally:
        live.close()


def test_connections_are_listed_per_owner_and_removed_with_both_items(
    testbed: aws.AwsTestbed,
) -> None:
    dynamodb = aws.client("dynamodb")
    connections = DynamoDBLiveConnections(dynamodb, testbed.table)
    for owner, connection in [("alice", "c2="), ("bob", "c3="), ("alice", "c1=")]:
        connections.attach(owner, LiveClient(connection))
    assert connections.of_owner("alice") == ["c1=", "c2="]
    connections.detach("c1=")
    connections.detach("never-connected")
    assert connections.of_owner("alice") == ["c2="]
    for key in [("OWNER#alice", "CONNECTION#c1="), ("CONNECTION#c1=", "CONNECTION")]:
        item_key = {"pk": {"S": key[0]}, "sk": {"S": key[1]}}
        assert "Item" not in dynamodb.get_item(TableName=testbed.table, Key=item_key)


def test_connections_expire_a_little_after_api_gateway_closes_them(
    testbed: aws.AwsTestbed,
) -> None:
    clock = SettableClock(datetime(2026, 11, 20, 8, 0, tzinfo=UTC))
    dynamodb = aws.client("dynamodb")
    DynamoDBLiveConnections(dynamodb, testbed.table, clock).attach("alice", LiveClient("c1="))
    item_key = {"pk": {"S": "CONNECTION#c1="}, "sk": {"S": "CONNECTION"}}
    item = dynamodb.get_item(TableName=testbed.table, Key=item_key)["Item"]
    expires = datetime.fromtimestamp(int(item["expires_at"]["N"]), UTC)
    assert timedelta(hours=2) < expires - clock.now() <= timedelta(hours=3)
    clock.set(expires)
    assert DynamoDBLiveConnections(dynamodb, testbed.table, clock).of_owner("alice") == []
