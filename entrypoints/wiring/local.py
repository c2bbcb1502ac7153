"""The local provider, the default: the ports on this machine, kept in one SQLite file and a
folder of files (PAWTRACK_DATA_DIR); tokens from a local issuer whose key is kept there too.
Events, jobs and new objects are handed to the use cases in process, as the memory provider does."""

from __future__ import annotations

from typing import cast

from dependency_injector import providers

from adapters.local.file_blob_links import FileBlobLinks
from adapters.local.file_blob_store import FileBlobStore
from adapters.local.inprocess_event_publisher import InProcessEventPublisher
from adapters.local.inprocess_job_queue import InProcessJobQueue
from adapters.local.inprocess_live_connections import InProcessLiveConnections
from adapters.local.inprocess_live_updates import InProcessLiveUpdates
from adapters.local.jwt_identity_verifier import JwtIdentityVerifier
from adapters.local.jwt_token_issuer import JwtTokenIssuer, load_or_create_key
from adapters.local.signed_links import stored_secret
from adapters.local.sqlite_activity_ledger import SqliteActivityLedger
from adapters.local.sqlite_announcement_log import SqliteAnnouncementLog
from adapters.local.sqlite_api_keys import SqliteApiKeyRepository
from adapters.local.sqlite_app_registry import SqliteAppRegistry
from adapters.local.sqlite_articles import SqliteArticleRepository
from adapters.local.sqlite_bundles import SqliteBundleRepository
from adapters.local.sqlite_db import SqliteDatabase
from adapters.local.sqlite_erased_accounts import SqliteErasedAccounts
from adapters.local.sqlite_grants import SqliteGrantRepository
from adapters.local.sqlite_owners import SqliteOwnerRepository
from adapters.local.sqlite_pets import SqlitePetRepository
from adapters.local.sqlite_phone_registry import SqlitePhoneRegistry
from adapters.local.sqlite_push_notifier import SqlitePushNotifier
from adapters.local.sqlite_quarantine_store import SqliteQuarantineStore
from adapters.local.sqlite_trackers import SqliteTrackerRepository
from adapters.local.sqlite_user_directory import SqliteUserDirectory
from adapters.system_clock import SystemClock
from application.ports.notifications import PushNotifier, PushOutbox
from entrypoints.settings import LocalSettings
from entrypoints.wiring.ports import Ports, upload_hook

Singleton = providers.ThreadSafeSingleton


class LocalAdapters(Ports):
    settings = providers.Dependency(instance_of=LocalSettings)
    clock = Singleton(SystemClock)
    system_clock = Singleton(SystemClock)
    database = Singleton(SqliteDatabase, settings.provided.database_path)

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
    token_issuer = Singleton(
        JwtTokenIssuer,
        signing_key,
        settings.provided.issuer,
        settings.provided.audience,
        clock,
        enrol=users.provided.add,
    )
    identity = Singleton(
        JwtIdentityVerifier,
        token_issuer.provided.public_keys,
        settings.provided.issuer,
        settings.provided.audience,
        apps,
        clock,
    )

    events = Singleton(InProcessEventPublisher, Ports.deliveries.announce.provider)
    jobs = Singleton(InProcessJobQueue, Ports.deliveries.process_bundle.provider)
    blobs = Singleton(
        FileBlobStore,
        settings.provided.blob_root,
        settings.provided.base_url,
        Singleton(stored_secret, settings.provided.link_secret, settings.provided.data_dir),
        clock,
        providers.Callable(upload_hook, Ports.deliveries.queue_bundle_processing.provider),
    )
    blob_links = Singleton(FileBlobLinks, blobs)
