"""The AWS provider: DynamoDB (one table), S3, SQS, EventBridge, SNS mobile push, API Gateway
WebSockets and Cognito. Each boto3 client is built on first use (adapters/aws/clients.py), so a
function's cold start pays only for the clients its trigger needs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from dependency_injector import providers

from adapters.authlib_oauth_server import AuthlibOAuthServer
from adapters.aws.apigw_live_updates import ApiGatewayLiveUpdates
from adapters.aws.clients import client
from adapters.aws.cognito_app_registry import CognitoAppRegistry
from adapters.aws.cognito_identity_verifier import CognitoIdentityVerifier
from adapters.aws.cognito_user_directory import CognitoUserDirectory
from adapters.aws.dynamodb_activity_ledger import DynamoDBActivityLedger
from adapters.aws.dynamodb_announcement_log import DynamoDBAnnouncementLog
from adapters.aws.dynamodb_api_keys import DynamoDBApiKeyRepository
from adapters.aws.dynamodb_app_records import DynamoDBAppRecords
from adapters.aws.dynamodb_app_requests import DynamoDBAppRequests
from adapters.aws.dynamodb_articles import DynamoDBArticleRepository
from adapters.aws.dynamodb_authorizations import DynamoDBAuthorizations
from adapters.aws.dynamodb_bundles import DynamoDBBundleRepository
from adapters.aws.dynamodb_erased_accounts import DynamoDBErasedAccounts
from adapters.aws.dynamodb_grants import DynamoDBGrantRepository
from adapters.aws.dynamodb_live_connections import DynamoDBLiveConnections
from adapters.aws.dynamodb_owners import DynamoDBOwnerRepository
from adapters.aws.dynamodb_pets import DynamoDBPetRepository
from adapters.aws.dynamodb_phone_registry import DynamoDBPhoneRegistry
from adapters.aws.dynamodb_quarantine_store import DynamoDBQuarantineStore
from adapters.aws.dynamodb_rate_limiter import DynamoDBRateLimiter
from adapters.aws.dynamodb_subscriptions import DynamoDBSubscriptions
from adapters.aws.dynamodb_trackers import DynamoDBTrackerRepository
from adapters.aws.kms_page_cursors import KmsPageCursors
from adapters.aws.powertools_telemetry import PowertoolsTelemetry
from adapters.aws.s3_blob_store import S3BlobStore
from adapters.aws.s3_dead_letters import S3DeadLetters
from adapters.aws.sns_push_notifier import SnsPushNotifier
from adapters.aws.sqs_job_queue import SqsJobQueue
from adapters.aws.ssm_secret_store import SsmSecretStore
from adapters.aws.stepfunctions_approval_workflow import StepFunctionsApprovalWorkflow
from adapters.streams import standard_output
from adapters.system_clock import SystemClock
from adapters.telemetry_push_outbox import TelemetryPushOutbox
from application.ports.apps import OwnerSignIn, WebhookSender
from application.ports.identity import IdentityVerifier
from application.ports.messaging import EventPublisher
from entrypoints.settings import AwsSettings
from entrypoints.wiring.ports import Ports

Singleton = providers.ThreadSafeSingleton

if TYPE_CHECKING:
    import httpx


def event_bridge(client: Any, event_bus: str) -> EventPublisher:
    """Imported when first built: its codec loads cattrs (about 30 modules, 10 ms), which a
    function that publishes no event (most HTTP routes, the WebSocket ones) would otherwise pay
    for at every cold start (bench/RESULTS.md, section f)."""
    from adapters.aws.eventbridge_event_publisher import EventBridgeEventPublisher

    return EventBridgeEventPublisher(client, event_bus)


# httpx (50 ms of imports) only where a function calls out: the owner's sign-in exchange on the
# OAuth routes, webhook messages in the jobs function; not on every cold start.
def http_client() -> httpx.Client:
    import httpx

    return httpx.Client()


def oidc_sign_in(
    http: httpx.Client,
    authorize_url: str,
    token_url: str,
    client_id: str,
    return_to: str,
    scope: str,
    verifier: IdentityVerifier,
) -> OwnerSignIn:
    from adapters.oidc_owner_sign_in import OidcOwnerSignIn

    return OidcOwnerSignIn(http, authorize_url, token_url, client_id, return_to, scope, verifier)


def webhook_sender(http: httpx.Client, allow_private: bool) -> WebhookSender:
    from adapters.httpx_webhook_sender import HttpxWebhookSender

    return HttpxWebhookSender(http, allow_private)


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

    # The app platform: Pawtrack's authorization server, owners signed in by Cognito's managed
    # login, messages to apps' endpoints, counters in the table.
    app_requests = Singleton(DynamoDBAppRequests, dynamodb, table)
    approval_workflow = Singleton(
        StepFunctionsApprovalWorkflow,
        Singleton(client, "stepfunctions", region),
        settings.provided.approval_state_machine,
        dynamodb,
        table,
    )
    authorizations = Singleton(DynamoDBAuthorizations, dynamodb, table)
    oauth_server = Singleton(AuthlibOAuthServer, apps, authorizations, clock)
    http = Singleton(http_client)
    owner_sign_in = Singleton(
        oidc_sign_in,
        http,
        providers.Callable(str.__add__, settings.provided.signin_url, "/oauth2/authorize"),
        providers.Callable(str.__add__, settings.provided.signin_url, "/oauth2/token"),
        settings.provided.signin_client_id,
        providers.Callable(str.__add__, settings.provided.public_url, "/oauth/login"),
        "openid",
        # The sign-in client's tokens: the owner's, for this exchange only.
        Singleton(
            CognitoIdentityVerifier,
            settings.provided.jwks_url,
            settings.provided.issuer,
            settings.provided.signin_client_id,
            apps,
            system_clock,
        ),
    )
    subscriptions = Singleton(DynamoDBSubscriptions, dynamodb, table)
    webhooks_to_loopback = cast("providers.Provider[bool]", settings.provided.webhooks_to_loopback)
    webhook_sender = Singleton(webhook_sender, http, webhooks_to_loopback)
    rate_limiter = Singleton(DynamoDBRateLimiter, dynamodb, table)
    secret_store = Singleton(
        SsmSecretStore, Singleton(client, "ssm", region), settings.provided.secrets_path
    )


def adapters(settings: AwsSettings) -> AwsAdapters:
    """The AWS adapters of a deployment; pushes go to the log where it has no push service."""
    built = AwsAdapters(settings=settings)
    if settings.push_outbox:
        built.push.override(Singleton(TelemetryPushOutbox, built.telemetry))
    return built
