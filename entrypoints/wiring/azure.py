"""The Azure provider: Azure Tables (one table), Blob Storage, Storage Queues, Event Grid,
Notification Hubs, Web PubSub, Entra ID and Microsoft Graph. Every SDK client is built on
first use, so a function's cold start pays only for the clients its trigger needs."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from azure.eventgrid import EventGridPublisherClient
from dependency_injector import providers

from adapters.authlib_oauth_server import AuthlibOAuthServer
from adapters.azure.azure_monitor import meter_provider
from adapters.azure.blob_storage_blob_store import BlobStorageBlobStore
from adapters.azure.blob_storage_dead_letters import BlobStorageDeadLetters
from adapters.azure.clients import (
    account_key_signer,
    container_client,
    cursor_key,
    eventgrid_client,
    http_client,
    table_client,
    webpubsub_client,
)
from adapters.azure.durable_approval_workflow import DurableApprovalWorkflow
from adapters.azure.entra_app_registry import EntraAppRegistry
from adapters.azure.entra_client_credentials import EntraClientCredentials, graph_scope
from adapters.azure.entra_identity_verifier import EntraIdentityVerifier
from adapters.azure.graph_user_directory import GraphUserDirectory
from adapters.azure.keyvault_secret_store import VAULT_SCOPE, KeyVaultSecretStore
from adapters.azure.notification_hubs_push_notifier import NotificationHubsPushNotifier
from adapters.azure.opentelemetry_telemetry import OpenTelemetryTelemetry, function_logger
from adapters.azure.storage_queue_job_queue import StorageQueueJobQueue, functions_queue_client
from adapters.azure.table_activity_ledger import TableActivityLedger
from adapters.azure.table_announcement_log import TableAnnouncementLog
from adapters.azure.table_api_keys import TableApiKeyRepository
from adapters.azure.table_app_records import TableAppRecords
from adapters.azure.table_app_requests import TableAppRequests
from adapters.azure.table_articles import TableArticleRepository
from adapters.azure.table_authorizations import TableAuthorizations
from adapters.azure.table_bundles import TableBundleRepository
from adapters.azure.table_erased_accounts import TableErasedAccounts
from adapters.azure.table_grants import TableGrantRepository
from adapters.azure.table_owners import TableOwnerRepository
from adapters.azure.table_pets import TablePetRepository
from adapters.azure.table_phone_registry import TablePhoneRegistry
from adapters.azure.table_quarantine_store import TableQuarantineStore
from adapters.azure.table_rate_limiter import TableRateLimiter
from adapters.azure.table_subscriptions import TableSubscriptions
from adapters.azure.table_trackers import TableTrackerRepository
from adapters.azure.webpubsub_live_connections import WebPubSubLiveConnections
from adapters.azure.webpubsub_live_updates import WebPubSubLiveUpdates
from adapters.hmac_page_cursors import HmacPageCursors
from adapters.httpx_webhook_sender import HttpxWebhookSender
from adapters.oidc_owner_sign_in import OidcOwnerSignIn
from adapters.system_clock import SystemClock
from adapters.telemetry_push_outbox import TelemetryPushOutbox
from application.ports.messaging import EventPublisher
from entrypoints.settings import AzureSettings
from entrypoints.wiring.ports import Ports

Singleton = providers.ThreadSafeSingleton

if TYPE_CHECKING:
    import httpx

    from application.ports.clock import Clock


def event_grid(client: EventGridPublisherClient) -> EventPublisher:
    """Imported when first built: its codec loads cattrs, which a function that publishes no
    event need not pay for at cold start (as on AWS: see wiring/aws.py)."""
    from adapters.azure.eventgrid_event_publisher import EventGridEventPublisher

    return EventGridEventPublisher(client)


def backend_token(
    http: httpx.Client, settings: AzureSettings, scope: str, clock: Clock
) -> EntraClientCredentials:
    """The backend's app registration's tokens for `scope` (client credentials)."""
    return EntraClientCredentials(
        http,
        settings.authority,
        settings.tenant_id,
        settings.graph_client_id,
        settings.graph_client_secret,
        scope,
        clock,
    )


def entra_endpoint(settings: AzureSettings, name: str) -> str:
    """The tenant's OAuth 2 endpoint (`authorize`, `token`) of Entra's v2 platform."""
    return f"{settings.authority}/{settings.tenant_id}/oauth2/v2.0/{name}"


class AzureAdapters(Ports):
    settings = providers.Dependency(instance_of=AzureSettings)
    storage = settings.provided.storage_connection
    clock = Singleton(SystemClock)
    system_clock = Singleton(SystemClock)
    # Lines through Python's logging (the worker hands them to the host, the host to Application
    # Insights), metrics through the Azure Monitor OpenTelemetry distro.
    telemetry_logger = Singleton(function_logger)
    telemetry_meters = Singleton(meter_provider, settings.provided.insights_connection)
    telemetry = Singleton(
        OpenTelemetryTelemetry, telemetry_meters, telemetry_logger, settings.provided.service
    )

    tables = Singleton(table_client, storage, settings.provided.table)
    pets = Singleton(TablePetRepository, tables)
    trackers = Singleton(TableTrackerRepository, tables)
    ledger = Singleton(TableActivityLedger, tables)
    quarantine = Singleton(TableQuarantineStore, tables)
    owners = Singleton(TableOwnerRepository, tables)
    phones = Singleton(TablePhoneRegistry, tables)
    bundles = Singleton(TableBundleRepository, tables)
    grants = Singleton(TableGrantRepository, tables)
    api_keys = Singleton(TableApiKeyRepository, tables)
    articles = Singleton(TableArticleRepository, tables)
    announcements = Singleton(TableAnnouncementLog, tables)
    erased = Singleton(TableErasedAccounts, tables)

    http = Singleton(http_client)
    # The backend's app registration, for Graph and for the vault's secrets.
    graph_token = Singleton(
        backend_token,
        http,
        settings,
        providers.Callable(graph_scope, settings.provided.graph_url),
        system_clock,  # Entra's tokens live in real time
    )
    apps = Singleton(
        EntraAppRegistry,
        http,
        settings.provided.graph_url,
        graph_token,
        Singleton(TableAppRecords, tables),
    )
    users = Singleton(
        GraphUserDirectory,
        http,
        settings.provided.graph_url,
        graph_token,
        settings.provided.audience,
        settings.provided.admin_role_id,
    )
    identity = Singleton(
        EntraIdentityVerifier,
        settings.provided.jwks_url,
        settings.provided.authority,
        settings.provided.audience,
        settings.provided.allowed_tenants,
        apps,
        system_clock,
        mobile_client_id=settings.provided.mobile_client_id,
    )

    # Without a Notification Hubs connection (a DEV stage without APNs and FCM keys): `adapters`.
    push = Singleton(
        NotificationHubsPushNotifier,
        http,
        settings.provided.notification_hub_connection,
        settings.provided.notification_hub,
    )
    webpubsub = Singleton(
        webpubsub_client, settings.provided.webpubsub_connection, settings.provided.webpubsub_hub
    )
    live = Singleton(WebPubSubLiveUpdates, webpubsub)
    live_connections = Singleton(WebPubSubLiveConnections, webpubsub, tables, system_clock)
    events = Singleton(
        event_grid,
        Singleton(
            eventgrid_client, settings.provided.eventgrid_endpoint, settings.provided.eventgrid_key
        ),
    )
    jobs = Singleton(
        StorageQueueJobQueue,
        Singleton(functions_queue_client, storage, settings.provided.jobs_queue),
    )
    # Event Grid tells of new blobs itself, through its BlobCreated subscription.
    blob_container = Singleton(container_client, storage, settings.provided.blob_container)
    cursors = Singleton(HmacPageCursors, providers.Callable(cursor_key, storage))
    blobs = Singleton(
        BlobStorageBlobStore,
        blob_container,
        Singleton(account_key_signer, storage, blob_container),
        system_clock,  # a link's expiry is the storage service's time, not the business clock's
    )
    # Event Hubs keeps no dead letters: a batch the IoT function could not record goes here.
    dead_letters = Singleton(
        BlobStorageDeadLetters,
        Singleton(container_client, storage, settings.provided.poison_container),
    )

    # The app platform: Pawtrack's authorization server, owners signed in by Entra, messages to
    # apps' endpoints, counters in the table.
    app_requests = Singleton(TableAppRequests, tables)
    approval_workflow = Singleton(
        DurableApprovalWorkflow,
        http,
        settings.provided.durable_url,
        settings.provided.durable_key,
    )
    authorizations = Singleton(TableAuthorizations, tables)
    oauth_server = Singleton(AuthlibOAuthServer, apps, authorizations, clock)
    owner_sign_in = Singleton(
        OidcOwnerSignIn,
        http,
        providers.Callable(entra_endpoint, settings, "authorize"),
        providers.Callable(entra_endpoint, settings, "token"),
        settings.provided.mobile_client_id,
        providers.Callable(str.__add__, settings.provided.public_url, "/oauth/login"),
        providers.Callable(str.__add__, settings.provided.audience, "/Pets.Read"),
        identity,
    )
    subscriptions = Singleton(TableSubscriptions, tables)
    webhooks_to_loopback = cast("providers.Provider[bool]", settings.provided.webhooks_to_loopback)
    webhook_sender = Singleton(HttpxWebhookSender, http, webhooks_to_loopback)
    rate_limiter = Singleton(TableRateLimiter, tables)
    secret_store = Singleton(
        KeyVaultSecretStore,
        http,
        settings.provided.keyvault_url,
        Singleton(backend_token, http, settings, VAULT_SCOPE, system_clock),
    )


def adapters(settings: AzureSettings) -> AzureAdapters:
    """The Azure adapters of a deployment; pushes go to the log where it has no push service."""
    built = AzureAdapters(settings=settings)
    if settings.push_outbox:
        built.push.override(Singleton(TelemetryPushOutbox, built.telemetry))
    return built
