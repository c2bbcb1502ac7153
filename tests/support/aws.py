"""AWS for tests: one moto server (real HTTP on 127.0.0.1) per test session, and fresh
resources per test, made the way template.yaml makes them in an account.

Nothing here reaches AWS: the process's credentials are fake and every client,
the adapters' included, is pointed at the moto server through AWS_ENDPOINT_URL.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import threading
import uuid
from typing import Any

import attrs
import boto3
from botocore.config import Config

from adapters.aws.dynamodb_table import TTL_ATTRIBUTE, table_definition

REGION = "us-east-1"
ADMIN_GROUP = "admin"
MAX_RECEIVES = 5  # as template.yaml's jobs queue
_lock = threading.Lock()
_server: Any = None


def moto_endpoint() -> str:
    """The session's moto server, started on first use on a free port of 127.0.0.1."""
    global _server
    with _lock:
        if _server is None:
            _fake_credentials()
            logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
            _server = _one_request_at_a_time_server()
            _server.start()
            atexit.register(_server.stop)
        host, port = _server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    os.environ["MOTO_PORT"] = str(port)  # where moto's Step Functions send their tasks' calls
    _run_state_machines()
    os.environ["AWS_ENDPOINT_URL"] = endpoint
    return endpoint


def _run_state_machines() -> None:
    """moto's Step Functions keep executions as records unless told to run their states."""
    from moto.core.config import default_user_config

    default_user_config["stepfunctions"]["execute_state_machine"] = True


def _one_request_at_a_time_server() -> Any:
    """moto's threaded server, applying one request at a time.

    moto serves each request in a thread of its own without a lock, and undoes a
    cancelled transaction by restoring a copy of the whole table, so concurrent
    requests corrupt one another. DynamoDB applies every request atomically; this
    gives moto that much and no more: concurrent callers' requests still interleave.
    """
    from moto.moto_server.threaded_moto_server import ThreadedMotoServer
    from moto.server import DomainDispatcherApplication, create_backend_app
    from werkzeug.serving import make_server

    class Server(ThreadedMotoServer):  # type: ignore[misc]
        def _server_entry(self) -> None:
            app, lock = DomainDispatcherApplication(create_backend_app), threading.Lock()

            def one_at_a_time(environ: Any, start_response: Any) -> Any:
                with lock:
                    return list(app(environ, start_response))

            self._server = make_server(self._ip_address, self._port, one_at_a_time, True)
            self._server_ready_event.set()
            self._server.serve_forever()

    return Server(ip_address="127.0.0.1", port=0, verbose=False)


def _fake_credentials() -> None:
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": REGION,
        "AWS_REGION": REGION,
    }.items():
        os.environ[name] = value
    os.environ.pop("AWS_PROFILE", None)


def client(service: str) -> Any:
    return boto3.client(
        service,
        endpoint_url=moto_endpoint(),
        region_name=REGION,
        config=Config(retries={"mode": "standard"}),
    )


@attrs.frozen
class AwsTestbed:
    """The resources of one Pawtrack deployment on the moto server."""

    endpoint: str
    table: str
    bucket: str
    jobs_queue_url: str
    jobs_dlq_url: str
    event_bus: str
    events_queue_url: str
    user_pool_id: str
    app_client_id: str
    apns_platform_arn: str
    fcm_platform_arn: str
    readings_queue_url: str  # where the IoT rule of the trackers' topic sends their packets
    readings_dlq_url: str
    approval_state_machine: str  # the app-approval workflow (moto runs its states)
    cursor_key_id: str

    @property
    def jwks_url(self) -> str:
        return f"{self.endpoint}/{self.user_pool_id}/.well-known/jwks.json"

    @property
    def issuer(self) -> str:
        return f"https://cognito-idp.{REGION}.amazonaws.com/{self.user_pool_id}"

    def environment(self) -> dict[str, str]:
        """The settings a Lambda function of this deployment gets (see template.yaml)."""
        return {
            "PAWTRACK_CLOUD": "aws",
            "AWS_REGION": REGION,
            "PAWTRACK_TABLE": self.table,
            "PAWTRACK_BUCKET": self.bucket,
            "PAWTRACK_JOBS_QUEUE_URL": self.jobs_queue_url,
            "PAWTRACK_EVENT_BUS": self.event_bus,
            "PAWTRACK_USER_POOL_ID": self.user_pool_id,
            "PAWTRACK_APP_CLIENT_ID": self.app_client_id,
            "PAWTRACK_JWKS_URL": self.jwks_url,
            "PAWTRACK_APNS_PLATFORM_ARN": self.apns_platform_arn,
            "PAWTRACK_FCM_PLATFORM_ARN": self.fcm_platform_arn,
            "PAWTRACK_WEBSOCKET_ENDPOINT": self.endpoint,
            "PAWTRACK_APPROVAL_STATE_MACHINE": self.approval_state_machine,
            "PAWTRACK_CURSOR_KEY_ID": self.cursor_key_id,
        }


def provision() -> AwsTestbed:
    """Fresh resources with unique names, so that tests never see each other's data."""
    endpoint, suffix = moto_endpoint(), uuid.uuid4().hex[:10]
    table = create_table(f"pawtrack-{suffix}")
    bucket = f"pawtrack-{suffix}"
    client("s3").create_bucket(Bucket=bucket)
    dlq_url, queue_url = _queues(f"pawtrack-jobs-{suffix}")
    readings_dlq_url, readings_url = _queues(f"pawtrack-readings-{suffix}")
    bus, events_queue_url = _event_bus(f"pawtrack-{suffix}")
    pool_id, app_client_id = _user_pool(f"pawtrack-{suffix}")
    apns, fcm = _platform_applications(suffix)
    approvals = approval_state_machine(f"pawtrack-approvals-{suffix}", queue_url, table)
    return AwsTestbed(
        endpoint, table, bucket, queue_url, dlq_url, bus, events_queue_url,
        pool_id, app_client_id, apns, fcm, readings_url, readings_dlq_url, approvals,
        cursor_key(),
    )  # fmt: skip


def approval_state_machine(
    name: str, queue_url: str, table: str, timeout: int | None = None
) -> str:
    """template.yaml's approval workflow, on moto, which runs its states (the session's server
    is told to: `execute_state_machine`); `timeout` shortens the 7 days' wait for a test."""
    from adapters.aws.stepfunctions_approval_workflow import WAIT_SECONDS, definition

    built = definition(queue_url, table, timeout or WAIT_SECONDS)
    return str(
        client("stepfunctions").create_state_machine(
            name=name,
            definition=json.dumps(built),
            roleArn="arn:aws:iam::123456789012:role/pawtrack-approvals",
        )["stateMachineArn"]
    )


def cursor_key() -> str:
    """The stack's HMAC key that seals page cursors (template.yaml's PageCursorKey)."""
    made = client("kms").create_key(KeySpec="HMAC_256", KeyUsage="GENERATE_VERIFY_MAC")
    return str(made["KeyMetadata"]["Arn"])


def create_table(name: str) -> str:
    """Just the table, as template.yaml makes it (a test of one store needs nothing else)."""
    dynamodb = client("dynamodb")
    dynamodb.create_table(**table_definition(name))
    dynamodb.update_time_to_live(
        TableName=name, TimeToLiveSpecification={"Enabled": True, "AttributeName": TTL_ATTRIBUTE}
    )
    return name


def _queues(name: str) -> tuple[str, str]:
    sqs = client("sqs")
    dlq_url = sqs.create_queue(QueueName=f"{name}-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    redrive = json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": str(MAX_RECEIVES)})
    attributes = {"RedrivePolicy": redrive, "VisibilityTimeout": "0"}
    queue_url = sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
    return dlq_url, queue_url


def _event_bus(name: str) -> tuple[str, str]:
    """A bus whose rule sends Pawtrack's events to a queue the tests read (a Lambda target in AWS)."""
    events, sqs = client("events"), client("sqs")
    events.create_event_bus(Name=name)
    queue_url = sqs.create_queue(QueueName=f"{name}-events")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])[
        "Attributes"
    ]["QueueArn"]
    events.put_rule(
        Name=f"{name}-announce",
        EventBusName=name,
        EventPattern=json.dumps({"source": ["pawtrack"]}),
    )
    events.put_targets(
        Rule=f"{name}-announce", EventBusName=name, Targets=[{"Id": "announce", "Arn": queue_arn}]
    )
    return name, queue_url


def _user_pool(name: str) -> tuple[str, str]:
    cognito = client("cognito-idp")
    pool_id = cognito.create_user_pool(PoolName=name)["UserPool"]["Id"]
    cognito.create_group(GroupName=ADMIN_GROUP, UserPoolId=pool_id)
    app = cognito.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="mobile",
        ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH"],
    )
    return pool_id, app["UserPoolClient"]["ClientId"]


def _platform_applications(suffix: str) -> tuple[str, str]:
    sns = client("sns")
    apns = sns.create_platform_application(
        Name=f"pawtrack-ios-{suffix}", Platform="APNS",
        Attributes={"PlatformCredential": "fake-apns-key", "PlatformPrincipal": "fake-apns-cert"},
    )  # fmt: skip
    fcm = sns.create_platform_application(
        Name=f"pawtrack-android-{suffix}",
        Platform="GCM",
        Attributes={"PlatformCredential": "fake-fcm-key"},
    )
    return apns["PlatformApplicationArn"], fcm["PlatformApplicationArn"]


def sign_in(
    testbed: AwsTestbed, username: str, *, admin: bool = False, client_id: str | None = None
) -> str:
    """An access token from Cognito for the user (created on first use), through `client_id`'s app client."""
    cognito, password = client("cognito-idp"), "Correct-horse-1!"
    try:
        cognito.admin_create_user(
            UserPoolId=testbed.user_pool_id, Username=username, MessageAction="SUPPRESS"
        )
        cognito.admin_set_user_password(
            UserPoolId=testbed.user_pool_id, Username=username, Password=password, Permanent=True
        )
        if admin:
            cognito.admin_add_user_to_group(
                UserPoolId=testbed.user_pool_id, Username=username, GroupName=ADMIN_GROUP
            )
    except cognito.exceptions.UsernameExistsException:
        pass
    answer = cognito.admin_initiate_auth(
        UserPoolId=testbed.user_pool_id,
        ClientId=client_id or testbed.app_client_id,
        AuthFlow="ADMIN_USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": password},
    )
    return str(answer["AuthenticationResult"]["AccessToken"])
