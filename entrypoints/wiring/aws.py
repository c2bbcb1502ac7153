"""The AWS provider: DynamoDB (one table), S3, SQS, EventBridge, SNS mobile push, API Gateway
WebSockets and Cognito. Each boto3 client is built on first use (adapters/aws/clients.py), so a
function's cold start pays only for the clients its trigger needs."""

from __future__ import annotations

from typing import Any

from dependency_injector import providers

from adapters.aws.apigw_live_updates import ApiGatewayLiveUpdates
from adapters.aws.clients import client
from adapters.aws.cognito_app_registry import CognitoAppRegistry
from adapters.aws.cognito_identity_verifier import CognitoIdentityVerifier
from adapters.aws.cognito_user_directory import CognitoUserDirectory
from adapters.aws.dynamodb_activity_ledger import DynamoDBActivityLedger
from adapters.aws.dynamodb_announcement_log import DynamoDBAnnouncementLog
from adapters.aws.dynamodb_api_keys import DynamoDBApiKeyRepository
from adapters.aws.dynamodb_app_records import DynamoDBAppRecords
from adapters.aws.dynamodb_articles import DynamoDBArticleRepository
from adapters.aws.dynamodb_bundles import DynamoDBBundleRepository
from adapters.aws.dynamodb_erased_accounts import DynamoDBErasedAccounts
from adapters.aws.dynamodb_grants import DynamoDBGrantRepository
from adapters.aws.dynamodb_live_connections import DynamoDBLiveConnections
from adapters.aws.dynamodb_owners import DynamoDBOwnerRepository
from adapters.aws.dynamodb_pets import DynamoDBPetRepository
from adapters.aws.dynamodb_phone_registry import DynamoDBPhoneRegistry
from adapters.aws.dynamodb_quarantine_store import DynamoDBQuarantineStore
from adapters.aws.dynamodb_trackers import DynamoDBTrackerRepository
from adapters.aws.kms_page_cursors import KmsPageCursors
from adapters.aws.powertools_telemetry import PowertoolsTelemetry
from adapters.aws.s3_blob_store import S3BlobStore
from adapters.aws.s3_dead_letters import S3DeadLetters
from adapters.aws.sns_push_notifier import SnsPushNotifier
from adapters.aws.sqs_job_queue import SqsJobQueue
from adapters.streams import standard_output
from adapters.system_clock import SystemClock
from adapters.telemetry_push_outbox import TelemetryPushOutbox
from application.ports.messaging import EventPublisher
from entrypoints.settings import AwsSettings
from entrypoints.wiring.ports import Ports

Singleton = providers.ThreadSafeSingleton


def event_bridge(client: Any, event_bus: str) -> EventPublisher:
    """Imported when first built: its codec loads cattrs (about 30 modules, 10 ms), which a
    function that publishes no event (most HTTP routes, the WebSocket ones) would otherwise pay
    for at every cold start (bench/RESULTS.md, section f)."""
    from adapters.aws.eventbridge_event_publisher import EventBridgeEventPublisher

    return EventBridgeEventPublisher(client, event_bus)


class AwsAdapters(Ports):
    settings = providers.Dependency(instance_of=AwsSettings)
    region = settings.provided.region
    table = settings.provided.table
    clock = Singleton(SystemClock)
    system_clock = Singleton(SystemClock)
    # Lambda sends stdout to CloudWatch Logs, which reads the metrics out of the lines (EMF).
    telemetry_stream = Singleton(standard_output)
    telemetry = Singleton(
        PowertoolsTelemetry,
        telemetry_stream,
        settings.provided.service,
        settings.provided.metrics_namespace,
    )

    dynamodb = Singleton(client, "dynamodb", region)
    pets = Singleton(DynamoDBPetRepository, dynamodb, table)
    trackers = Singleton(DynamoDBTrackerRepository, dynamodb, table)
    ledger = Singleton(DynamoDBActivityLedger, dynamodb, table)
    quarantine = Singleton(DynamoDBQuarantineStore, dynamodb, table)
    owners = Singleton(DynamoDBOwnerRepository, dynamodb, table)
    phones = Singleton(DynamoDBPhoneRegistry, dynamodb, table)
    bundles = Singleton(DynamoDBBundleRepository, dynamodb, table)
    grants = Singleton(DynamoDBGrantRepository, dynamodb, table)
    api_keys = Singleton(DynamoDBApiKeyRepository, dynamodb, table)
    articles = Singleton(DynamoDBArticleRepository, dynamodb, table)
    announcements = Singleton(DynamoDBAnnouncementLog, dynamodb, table)
    erased = Singleton(DynamoDBErasedAccounts, dynamodb, table)
    live_connections = Singleton(DynamoDBLiveConnections, dynamodb, table)

    cognito = Singleton(client, "cognito-idp", region)
    apps = Singleton(
        CognitoAppRegistry,
        cognito,
        settings.provided.user_pool_id,
        Singleton(DynamoDBAppRecords, dynamodb, table),
    )
    users = Singleton(CognitoUserDirectory, cognito, settings.provided.user_pool_id)
    # Cognito's tokens live in real time, whatever time the business clock tells.
    identity = Singleton(
        CognitoIdentityVerifier,
        settings.provided.jwks_url,
        settings.provided.issuer,
        settings.provided.app_client_id,
        apps,
        system_clock,
    )

    # Without SNS platform applications (a DEV stage without APNs and FCM keys): `adapters`.
    push = Singleton(
        SnsPushNotifier,
        Singleton(client, "sns", region),
        settings.provided.apns_platform_arn,
        settings.provided.fcm_platform_arn,
    )
    live = Singleton(
        ApiGatewayLiveUpdates,
        Singleton(client, "apigatewaymanagementapi", region, settings.provided.websocket_endpoint),
        live_connections,
    )
    events = Singleton(
        event_bridge, Singleton(client, "events", region), settings.provided.event_bus
    )
    jobs = Singleton(
        SqsJobQueue, Singleton(client, "sqs", region), settings.provided.jobs_queue_url
    )
    # S3 tells of new objects itself, through its notification to the S3 function.
    cursors = Singleton(
        KmsPageCursors, Singleton(client, "kms", region), settings.provided.cursor_key_id
    )
    s3 = Singleton(client, "s3", region)
    blobs = Singleton(S3BlobStore, s3, settings.provided.bucket)
    # The readings queue has its own dead-letter queue: this store serves what has none.
    dead_letters = Singleton(S3DeadLetters, s3, settings.provided.bucket)


def adapters(settings: AwsSettings) -> AwsAdapters:
    """The AWS adapters of a deployment; pushes go to the log where it has no push service."""
    built = AwsAdapters(settings=settings)
    if settings.push_outbox:
        built.push.override(Singleton(TelemetryPushOutbox, built.telemetry))
    return built
