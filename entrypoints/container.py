"""The composition root: the one place that picks adapters for ports and builds use cases.

Configuration is read once from the environment (`Settings.from_environment`).
Nothing is built at import time: every provider builds its object on first use,
so a Lambda or Functions cold start pays only for what its trigger needs.
"""

from __future__ import annotations

from collections.abc import Callable

from dependency_injector import containers, providers

from adapters.local import (
    clocks,
    file_blobs,
    inprocess_messaging,
    jwt_identity,
    memory_activity,
    memory_blobs,
    memory_notifications,
    memory_pets,
    memory_records,
    memory_trackers,
    sqlite_access,
    sqlite_activity,
    sqlite_content,
    sqlite_db,
    sqlite_notifications,
    sqlite_pets,
    sqlite_records,
    sqlite_trackers,
    sqlite_users,
    websocket_live,
)
from application.authorization import PetAccess
from application.intake import ReadingIntake
from application.use_cases import (
    announce,
    authenticate,
    bundle_uploaded,
    check_api_key,
    get_article,
    get_bundle,
    get_daily_activity,
    get_location_history,
    get_pet,
    get_profile,
    get_recommendations,
    get_tracker,
    grant_access,
    issue_api_key,
    list_grants,
    list_pets,
    list_quarantine,
    list_users,
    pair_tracker,
    photo_links,
    process_bundle,
    publish_article,
    record_readings,
    record_weight,
    register_app,
    register_pet,
    register_phone,
    revoke_access,
    revoke_api_key,
    set_step_goal,
    set_time_zone,
    start_bundle_upload,
    withdraw_article,
)
from application.use_cases.bundle_uploaded import BundleUploadedEvent
from entrypoints.settings import Settings


def _on_blob_created(container: Container) -> Callable[[str], None]:
    """Object storage's "object created" notification, as S3 and Event Grid send it in the clouds."""

    def created(key: str) -> None:
        container.queue_bundle_processing()(BundleUploadedEvent(key))

    return created


class Container(containers.DeclarativeContainer):
    __self__ = providers.Self()
    config = providers.Configuration()

    clock = providers.Singleton(clocks.SystemClock)
    database = providers.Singleton(sqlite_db.SqliteDatabase, config.database_path)

    pets = providers.Selector(
        config.cloud,
        memory=providers.Singleton(memory_pets.InMemoryPetRepository),
        local=providers.Singleton(sqlite_pets.SqlitePetRepository, database),
    )
    trackers = providers.Selector(
        config.cloud,
        memory=providers.Singleton(memory_trackers.InMemoryTrackerRepository),
        local=providers.Singleton(sqlite_trackers.SqliteTrackerRepository, database),
    )
    ledger = providers.Selector(
        config.cloud,
        memory=providers.Singleton(memory_activity.InMemoryActivityLedger),
        local=providers.Singleton(sqlite_activity.SqliteActivityLedger, database),
    )
    quarantine = providers.Selector(
        config.cloud,
        memory=providers.Singleton(memory_records.InMemoryQuarantineStore),
        local=providers.Singleton(sqlite_records.SqliteQuarantineStore, database),
    )
    owners = providers.Selector(
        config.cloud,
        memory=providers.Singleton(memory_records.InMemoryOwnerRepository),
        local=providers.Singleton(sqlite_records.SqliteOwnerRepository, database),
    )
    phones = providers.Selector(
        config.cloud,
        memory=providers.Singleton(memory_records.InMemoryPhoneRegistry),
        local=providers.Singleton(sqlite_records.SqlitePhoneRegistry, database),
    )
    apps = providers.Selector(
        config.cloud,
        memory=providers.Singleton(memory_records.InMemoryAppRegistry),
        local=providers.Singleton(sqlite_access.SqliteAppRegistry, database),
    )
    grants = providers.Selector(
        config.cloud,
        memory=providers.Singleton(memory_records.InMemoryGrantRepository),
        local=providers.Singleton(sqlite_access.SqliteGrantRepository, database),
    )
    articles = providers.Selector(
        config.cloud,
        memory=providers.Singleton(memory_records.InMemoryArticleRepository),
        local=providers.Singleton(sqlite_content.SqliteArticleRepository, database),
    )
    api_keys = providers.Selector(
        config.cloud,
        memory=providers.Singleton(memory_records.InMemoryApiKeyRepository),
        local=providers.Singleton(sqlite_access.SqliteApiKeyRepository, database),
    )
    bundles = providers.Selector(
        config.cloud,
        memory=providers.Singleton(memory_records.InMemoryBundleRepository),
        local=providers.Singleton(sqlite_records.SqliteBundleRepository, database),
    )
    announcements = providers.Selector(
        config.cloud,
        memory=providers.Singleton(memory_notifications.InMemoryAnnouncementLog),
        local=providers.Singleton(sqlite_notifications.SqliteAnnouncementLog, database),
    )
    push = providers.Selector(
        config.cloud,
        memory=providers.Singleton(memory_notifications.RecordingPushNotifier),
        local=providers.Singleton(sqlite_notifications.SqlitePushOutbox, database),
    )
    live = providers.Selector(
        config.cloud,
        memory=providers.Singleton(memory_notifications.RecordingLiveUpdates),
        local=providers.Singleton(websocket_live.WebSocketLiveUpdates),
    )
    users = providers.Selector(
        config.cloud,
        memory=providers.Singleton(memory_records.InMemoryUserDirectory),
        local=providers.Singleton(sqlite_users.SqliteUserDirectory, database),
    )

    # Identity: the local issuer signs, the verifier reads the issuer's JWKS.
    signing_key = providers.Singleton(jwt_identity.load_or_create_key, config.signing_key_path)
    token_issuer = providers.Singleton(
        jwt_identity.LocalTokenIssuer, signing_key, config.issuer, config.audience, clock
    )
    identity = providers.Singleton(
        jwt_identity.JwtIdentityVerifier,
        token_issuer.provided.jwks,
        config.issuer,
        config.audience,
        clock,
    )

    # Messaging: handlers are resolved when a message arrives (see inprocess_messaging).
    announce = providers.Factory(announce.Announce, phones, push, live)
    events = providers.Singleton(
        inprocess_messaging.InProcessEventBus, providers.List(announce).provider
    )
    intake = providers.Factory(
        ReadingIntake, trackers, pets, owners, ledger, quarantine, announcements, events, clock
    )
    blob_created = providers.Callable(_on_blob_created, __self__)
    blobs = providers.Selector(
        config.cloud,
        memory=providers.Singleton(memory_blobs.InMemoryBlobStore, clock, blob_created),
        local=providers.Singleton(
            file_blobs.FileBlobStore,
            config.blob_root,
            config.base_url,
            config.link_secret,
            clock,
            blob_created,
        ),
    )
    process_bundle = providers.Factory(
        process_bundle.ProcessBundleJob, bundles, blobs, intake, clock
    )
    jobs = providers.Singleton(inprocess_messaging.InProcessJobQueue, process_bundle.provider)
    queue_bundle_processing = providers.Factory(bundle_uploaded.QueueBundleProcessing, jobs)

    # Use cases.
    access = providers.Factory(PetAccess, pets, grants)
    authenticate = providers.Factory(authenticate.Authenticate, identity)
    check_api_key = providers.Factory(check_api_key.CheckApiKey, api_keys)
    register_pet = providers.Factory(register_pet.RegisterPet, pets, owners, clock)
    list_pets = providers.Factory(list_pets.ListPets, pets, access)
    get_pet = providers.Factory(get_pet.GetPet, access)
    set_step_goal = providers.Factory(set_step_goal.SetStepGoal, pets, access)
    record_weight = providers.Factory(record_weight.RecordWeight, pets, owners, access, clock)
    pair_tracker = providers.Factory(pair_tracker.PairTracker, trackers, access)
    get_tracker = providers.Factory(get_tracker.GetTracker, trackers)
    get_daily_activity = providers.Factory(get_daily_activity.GetDailyActivity, ledger, access)
    get_location_history = providers.Factory(
        get_location_history.GetLocationHistory, ledger, access
    )
    get_recommendations = providers.Factory(
        get_recommendations.GetRecommendations, ledger, articles, owners, access, clock
    )
    get_profile = providers.Factory(get_profile.GetProfile, owners)
    set_time_zone = providers.Factory(set_time_zone.SetTimeZone, owners)
    register_phone = providers.Factory(register_phone.RegisterPhone, phones)
    grant_access = providers.Factory(grant_access.GrantAccess, apps, grants)
    revoke_access = providers.Factory(revoke_access.RevokeAccess, grants)
    list_grants = providers.Factory(list_grants.ListGrants, apps, grants)
    register_app = providers.Factory(register_app.RegisterApp, apps)
    request_photo_upload = providers.Factory(photo_links.RequestPhotoUpload, blobs, access)
    request_photo_download = providers.Factory(photo_links.RequestPhotoDownload, blobs, access)
    start_bundle_upload = providers.Factory(
        start_bundle_upload.StartBundleUpload, bundles, trackers, blobs
    )
    get_bundle = providers.Factory(get_bundle.GetBundle, bundles)
    record_readings = providers.Factory(record_readings.RecordReadings, intake, clock)
    publish_article = providers.Factory(publish_article.PublishArticle, articles)
    withdraw_article = providers.Factory(withdraw_article.WithdrawArticle, articles)
    get_article = providers.Factory(get_article.GetArticle, articles)
    issue_api_key = providers.Factory(issue_api_key.IssueApiKey, api_keys)
    revoke_api_key = providers.Factory(revoke_api_key.RevokeApiKey, api_keys)
    list_users = providers.Factory(list_users.ListUsers, users)
    list_quarantine = providers.Factory(list_quarantine.ListQuarantine, quarantine, clock)


def build_container(settings: Settings | None = None) -> Container:
    """A container configured from `settings` (the environment's, read once, by default)."""
    container = Container()
    container.config.from_dict((settings or Settings.from_environment()).as_config())
    return container
