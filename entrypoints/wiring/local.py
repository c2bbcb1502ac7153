"""The local provider, the default: the ports on this machine, kept in one SQLite file and a
folder of files (PAWTRACK_DATA_DIR); tokens from a local issuer whose key is kept there too.
Events, jobs and new objects are handed to the use cases in process, as the memory provider does."""

from __future__ import annotations

from typing import cast

import httpx
from dependency_injector import providers

from adapters.authlib_oauth_server import AuthlibOAuthServer
from adapters.hmac_page_cursors import HmacPageCursors, derived_key
from adapters.httpx_webhook_sender import HttpxWebhookSender
from adapters.local.file_blob_expiry import FileBlobExpiry
from adapters.local.file_blob_links import FileBlobLinks
from adapters.local.file_blob_store import FileBlobStore
from adapters.local.file_dead_letters import FileDeadLetters
from adapters.local.file_secret_store import FileSecretStore
from adapters.local.inprocess_live_connections import InProcessLiveConnections
from adapters.local.inprocess_live_updates import InProcessLiveUpdates
from adapters.local.jwt_token_issuer import load_or_create_key
from adapters.local.local_owner_sign_in import LocalOwnerSignIn
from adapters.local.prometheus_telemetry import PrometheusTelemetry
from adapters.local.signed_links import stored_secret
from adapters.local.sqlite_activity_ledger import SqliteActivityLedger
from adapters.local.sqlite_announcement_log import SqliteAnnouncementLog
from adapters.local.sqlite_api_keys import SqliteApiKeyRepository
from adapters.local.sqlite_app_registry import SqliteAppRegistry
from adapters.local.sqlite_app_requests import SqliteAppRequests
from adapters.local.sqlite_approval_workflow import SqliteApprovalWorkflow
from adapters.local.sqlite_articles import SqliteArticleRepository
from adapters.local.sqlite_authorizations import SqliteAuthorizations
from adapters.local.sqlite_bundles import SqliteBundleRepository
from adapters.local.sqlite_db import SqliteDatabase
from adapters.local.sqlite_erased_accounts import SqliteErasedAccounts
from adapters.local.sqlite_grants import SqliteGrantRepository
from adapters.local.sqlite_owners import SqliteOwnerRepository
from adapters.local.sqlite_pets import SqlitePetRepository
from adapters.local.sqlite_phone_registry import SqlitePhoneRegistry
from adapters.local.sqlite_push_notifier import SqlitePushNotifier
from adapters.local.sqlite_quarantine_store import SqliteQuarantineStore
from adapters.local.sqlite_rate_limiter import SqliteRateLimiter
from adapters.local.sqlite_subscriptions import SqliteSubscriptions
from adapters.local.sqlite_trackers import SqliteTrackerRepository
from adapters.local.sqlite_user_directory import SqliteUserDirectory
from adapters.streams import standard_output
from adapters.system_clock import SystemClock
from application.ports.notifications import PushNotifier, PushOutbox
from application.ports.telemetry import MetricsScrape, Telemetry
from entrypoints.settings import LocalSettings
from entrypoints.wiring.laptop import in_process, local_identity
from entrypoints.wiring.ports import Ports

Singleton = providers.ThreadSafeSingleton


class LocalAdapters(Ports):
    settings = providers.Dependency(instance_of=LocalSettings)
    clock = Singleton(SystemClock)
    system_clock = Singleton(SystemClock)
    database = Singleton(SqliteDatabase, settings.provided.database_path)
    # One JSON line per event on stdout; the metrics at the local server's /metrics.
    telemetry_stream = Singleton(standard_output)
    prometheus = Singleton(PrometheusTelemetry, telemetry_stream, "pawtrack-local")
    telemetry = cast("providers.Provider[Telemetry]", prometheus)
    metrics_scrape = cast("providers.Provider[MetricsScrape]", prometheus)

    pets = Singleton(SqlitePetRepository, database)
    trackers = Singleton(SqliteTrackerRepository, database)
    ledger = Singleton(SqliteActivityLedger, database)
    quarantine = Singleton(SqliteQuarantineStore, database)
    owners = Singleton(SqliteOwnerRepository, database)
    phones = Singleton(SqlitePhoneRegistry, database)
    bundles = Singleton(SqliteBundleRepository, database)
    grants = Singleton(SqliteGrantRepository, database)
    api_keys = Singleton(SqliteApiKeyRepository, database)
    articles = Singleton(SqliteArticleRepository, database)
    announcements = Singleton(SqliteAnnouncementLog, database)
    erased = Singleton(SqliteErasedAccounts, database)
    apps = Singleton(SqliteAppRegistry, database)
    users = Singleton(SqliteUserDirectory, database)
    outbox = Singleton(SqlitePushNotifier, database)  # nothing leaves this machine
    # One adapter serves both ports: what it sends is what it keeps.
    push = cast("providers.Provider[PushNotifier]", outbox)
    push_outbox = cast("providers.Provider[PushOutbox]", outbox)
    live_connections = Singleton(InProcessLiveConnections)  # the local server's /live sockets
    live = Singleton(InProcessLiveUpdates, live_connections)

    # The key is kept in the data directory, so tokens outlive a restart.
    signing_key = Singleton(load_or_create_key, settings.provided.signing_key_path)
    token_issuer, identity = local_identity(settings, signing_key, clock, users, apps)

    events, jobs, on_created = in_process(Ports.deliveries)
    link_secret = Singleton(
        stored_secret, settings.provided.link_secret, settings.provided.data_dir
    )
    blobs = Singleton(
        FileBlobStore,
        settings.provided.blob_root,
        settings.provided.base_url,
        link_secret,
        clock,
        on_created,
    )
    # Cursors are sealed with a key derived from the link secret (kept in the data directory).
    cursors = Singleton(
        HmacPageCursors, providers.Callable(derived_key, link_secret, "page-cursors")
    )
    blob_links = Singleton(FileBlobLinks, blobs)
    blob_expiry = Singleton(FileBlobExpiry, settings.provided.blob_root)
    dead_letters = Singleton(FileDeadLetters, settings.provided.dead_letters_dir)

    app_requests = Singleton(SqliteAppRequests, database)
    approval_workflow = Singleton(SqliteApprovalWorkflow, database)
    authorizations = Singleton(SqliteAuthorizations, database)
    oauth_server = Singleton(AuthlibOAuthServer, apps, authorizations, clock)
    owner_sign_in = Singleton(LocalOwnerSignIn, settings.provided.base_url, identity)
    subscriptions = Singleton(SqliteSubscriptions, database)
    webhooks_to_loopback = cast("providers.Provider[bool]", settings.provided.webhooks_to_loopback)
    webhook_sender = Singleton(HttpxWebhookSender, Singleton(httpx.Client), webhooks_to_loopback)
    rate_limiter = Singleton(SqliteRateLimiter, database)
    secret_store = Singleton(FileSecretStore, settings.provided.secrets_dir)
