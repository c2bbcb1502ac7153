"""The memory provider: every port in this process's memory, nothing kept (tests, throwaway
demos). Events, jobs and new objects are handed to the use cases at once, in the caller's thread."""

from __future__ import annotations

import io
import secrets
from typing import cast

import httpx
from dependency_injector import providers

from adapters.authlib_oauth_server import AuthlibOAuthServer
from adapters.hmac_page_cursors import HmacPageCursors
from adapters.httpx_webhook_sender import HttpxWebhookSender
from adapters.local.inprocess_live_connections import InProcessLiveConnections
from adapters.local.jwt_token_issuer import load_or_create_key
from adapters.local.local_owner_sign_in import LocalOwnerSignIn
from adapters.local.memory_activity_ledger import InMemoryActivityLedger
from adapters.local.memory_announcement_log import InMemoryAnnouncementLog
from adapters.local.memory_api_keys import InMemoryApiKeyRepository
from adapters.local.memory_app_registry import InMemoryAppRegistry
from adapters.local.memory_app_requests import InMemoryAppRequests
from adapters.local.memory_approval_workflow import InMemoryApprovalWorkflow
from adapters.local.memory_articles import InMemoryArticleRepository
from adapters.local.memory_authorizations import InMemoryAuthorizations
from adapters.local.memory_blob_expiry import InMemoryBlobExpiry
from adapters.local.memory_blob_links import InMemoryBlobLinks
from adapters.local.memory_blob_store import InMemoryBlobStore
from adapters.local.memory_bundles import InMemoryBundleRepository
from adapters.local.memory_dead_letters import InMemoryDeadLetters
from adapters.local.memory_erased_accounts import InMemoryErasedAccounts
from adapters.local.memory_grants import InMemoryGrantRepository
from adapters.local.memory_live_updates import InMemoryLiveUpdates
from adapters.local.memory_owners import InMemoryOwnerRepository
from adapters.local.memory_pets import InMemoryPetRepository
from adapters.local.memory_phone_registry import InMemoryPhoneRegistry
from adapters.local.memory_push_notifier import InMemoryPushNotifier
from adapters.local.memory_quarantine_store import InMemoryQuarantineStore
from adapters.local.memory_rate_limiter import InMemoryRateLimiter
from adapters.local.memory_secret_store import InMemorySecretStore
from adapters.local.memory_subscriptions import InMemorySubscriptions
from adapters.local.memory_trackers import InMemoryTrackerRepository
from adapters.local.memory_user_directory import InMemoryUserDirectory
from adapters.local.prometheus_telemetry import PrometheusTelemetry
from adapters.system_clock import SystemClock
from application.ports.notifications import PushNotifier, PushOutbox
from application.ports.telemetry import MetricsScrape, Telemetry
from entrypoints.settings import LocalSettings
from entrypoints.wiring.laptop import in_process, local_identity
from entrypoints.wiring.ports import Ports

Singleton = providers.ThreadSafeSingleton


class MemoryAdapters(Ports):
    settings = providers.Dependency(instance_of=LocalSettings)
    clock = Singleton(SystemClock)
    system_clock = Singleton(SystemClock)
    # The lines stay in memory, where a test reads them; the metrics are scraped as locally.
    telemetry_stream = Singleton(io.StringIO)
    prometheus = Singleton(PrometheusTelemetry, telemetry_stream, "pawtrack-memory")
    telemetry = cast("providers.Provider[Telemetry]", prometheus)
    metrics_scrape = cast("providers.Provider[MetricsScrape]", prometheus)

    pets = Singleton(InMemoryPetRepository)
    trackers = Singleton(InMemoryTrackerRepository)
    ledger = Singleton(InMemoryActivityLedger)
    quarantine = Singleton(InMemoryQuarantineStore)
    owners = Singleton(InMemoryOwnerRepository)
    phones = Singleton(InMemoryPhoneRegistry)
    bundles = Singleton(InMemoryBundleRepository)
    grants = Singleton(InMemoryGrantRepository)
    api_keys = Singleton(InMemoryApiKeyRepository)
    articles = Singleton(InMemoryArticleRepository)
    announcements = Singleton(InMemoryAnnouncementLog)
    erased = Singleton(InMemoryErasedAccounts)
    apps = Singleton(InMemoryAppRegistry)
    users = Singleton(InMemoryUserDirectory)
    outbox = Singleton(InMemoryPushNotifier)
    # One adapter serves both ports: what it sends is what it keeps.
    push = cast("providers.Provider[PushNotifier]", outbox)
    push_outbox = cast("providers.Provider[PushOutbox]", outbox)
    live = Singleton(InMemoryLiveUpdates)
    live_connections = Singleton(InProcessLiveConnections)

    # A key of this process only: its tokens die with it.
    signing_key = Singleton(load_or_create_key, None)
    token_issuer, identity = local_identity(settings, signing_key, clock, users, apps)

    events, jobs, on_created = in_process(Ports.deliveries)
    cursors = Singleton(HmacPageCursors, providers.Callable(secrets.token_bytes, 32))
    blobs = Singleton(
        InMemoryBlobStore,
        clock,
        on_created,
    )
    blob_links = Singleton(InMemoryBlobLinks, blobs)
    blob_expiry = Singleton(InMemoryBlobExpiry, blobs)
    dead_letters = Singleton(InMemoryDeadLetters)

    app_requests = Singleton(InMemoryAppRequests)
    approval_workflow = Singleton(InMemoryApprovalWorkflow)
    authorizations = Singleton(InMemoryAuthorizations)
    oauth_server = Singleton(AuthlibOAuthServer, apps, authorizations, clock)
    owner_sign_in = Singleton(LocalOwnerSignIn, settings.provided.base_url, identity)
    subscriptions = Singleton(InMemorySubscriptions)
    webhooks_to_loopback = cast("providers.Provider[bool]", settings.provided.webhooks_to_loopback)
    webhook_sender = Singleton(HttpxWebhookSender, Singleton(httpx.Client), webhooks_to_loopback)
    rate_limiter = Singleton(InMemoryRateLimiter)
    secret_store = Singleton(InMemorySecretStore)
