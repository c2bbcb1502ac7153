"""The composition root: the one place that picks adapters for ports and builds use cases.

Configuration is read once from the environment (`Settings.from_environment`).
Nothing is built at import time: every provider builds its object on first use,
so a Lambda or Functions cold start pays only for what its trigger needs.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from dependency_injector import containers, providers

from application.authorization import PetAccess
from application.intake import ReadingIntake
from application.use_cases import (
    announce,
    authenticate,
    bundle_uploaded,
    check_api_key,
    delete_account,
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
    purge_quarantine,
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


def adapter(path: str) -> Callable[..., Any]:
    """The adapter `module:Name` under adapters/, imported when first built, so that a function
    imports only the adapters of its own cloud and trigger (a cold start pays for nothing else)."""
    module, _, name = path.partition(":")

    def build(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(f"adapters.{module}"), name)(*args, **kwargs)

    build.__qualname__ = build.__name__ = name
    return build


def _aws_client(service: str, region: Any, *more: Any) -> Any:
    """A boto3 client of `service`, built on first use, then kept (adapters/aws/clients.py)."""
    return providers.ThreadSafeSingleton(adapter("aws.clients:client"), service, region, *more)


def _store(
    memory: str,
    local: str,
    aws: str,
    azure: str,
    *,
    cloud: Any,
    database: Any,
    dynamodb: Any,
    table: Any,
    tables: Any,
    azure_also: tuple[Any, ...] = (),
) -> providers.Selector:
    """A repository port: in memory, in the SQLite file, in the DynamoDB table or in Azure Tables
    (whose adapter gets `azure_also` after the table client)."""
    return providers.Selector(
        cloud,
        memory=providers.ThreadSafeSingleton(adapter(f"local.{memory}")),
        local=providers.ThreadSafeSingleton(adapter(f"local.{local}"), database),
        aws=providers.ThreadSafeSingleton(adapter(f"aws.{aws}"), dynamodb, table),
        azure=providers.ThreadSafeSingleton(adapter(f"azure.{azure}"), tables, *azure_also),
    )


def _azure_blobs(container_client: Any, connection_string: str, clock: Any) -> Any:
    """Blob Storage with links signed by the account key of the connection string."""
    signer = adapter("azure.clients:account_key_signer")(connection_string, container_client)
    return adapter("azure.blob_storage_blob_store:BlobStorageBlobStore")(
        container_client, signer, clock
    )


def _on_blob_created(container: Container) -> Callable[[str], None]:
    """Object storage's "object created" notification, as S3 and Event Grid send it in the clouds."""

    def created(key: str) -> None:
        container.queue_bundle_processing()(BundleUploadedEvent(key))

    return created


class Container(containers.DeclarativeContainer):
    __self__ = providers.Self()
    config = providers.Configuration()
    aws = config.aws
    azure = config.azure

    clock = providers.ThreadSafeSingleton(adapter("local.system_clock:SystemClock"))
    system_clock = providers.ThreadSafeSingleton(adapter("local.system_clock:SystemClock"))
    database = providers.ThreadSafeSingleton(
        adapter("local.sqlite_db:SqliteDatabase"), config.database_path
    )
    dynamodb = _aws_client("dynamodb", aws.region)
    tables = providers.ThreadSafeSingleton(
        adapter("azure.clients:table_client"), azure.storage_connection, azure.table
    )
    stores = {
        "cloud": config.cloud,
        "database": database,
        "dynamodb": dynamodb,
        "table": aws.table,
        "tables": tables,
    }

    pets = _store(
        "memory_pets:InMemoryPetRepository",
        "sqlite_pets:SqlitePetRepository",
        "dynamodb_pets:DynamoDBPetRepository",
        "table_pets:TablePetRepository",
        **stores,
    )
    trackers = _store(
        "memory_trackers:InMemoryTrackerRepository",
        "sqlite_trackers:SqliteTrackerRepository",
        "dynamodb_trackers:DynamoDBTrackerRepository",
        "table_trackers:TableTrackerRepository",
        **stores,
    )
    ledger = _store(
        "memory_activity_ledger:InMemoryActivityLedger",
        "sqlite_activity_ledger:SqliteActivityLedger",
        "dynamodb_activity_ledger:DynamoDBActivityLedger",
        "table_activity_ledger:TableActivityLedger",
        **stores,
        azure_also=(system_clock,),  # a claim's age is the storage service's time
    )
    quarantine = _store(
        "memory_quarantine_store:InMemoryQuarantineStore",
        "sqlite_quarantine_store:SqliteQuarantineStore",
        "dynamodb_quarantine_store:DynamoDBQuarantineStore",
        "table_quarantine_store:TableQuarantineStore",
        **stores,
    )
    owners = _store(
        "memory_owners:InMemoryOwnerRepository",
        "sqlite_owners:SqliteOwnerRepository",
        "dynamodb_owners:DynamoDBOwnerRepository",
        "table_owners:TableOwnerRepository",
        **stores,
    )
    phones = _store(
        "memory_phone_registry:InMemoryPhoneRegistry",
        "sqlite_phone_registry:SqlitePhoneRegistry",
        "dynamodb_phone_registry:DynamoDBPhoneRegistry",
        "table_phone_registry:TablePhoneRegistry",
        **stores,
    )
    bundles = _store(
        "memory_bundles:InMemoryBundleRepository",
        "sqlite_bundles:SqliteBundleRepository",
        "dynamodb_bundles:DynamoDBBundleRepository",
        "table_bundles:TableBundleRepository",
        **stores,
    )
    grants = _store(
        "memory_grants:InMemoryGrantRepository",
        "sqlite_grants:SqliteGrantRepository",
        "dynamodb_grants:DynamoDBGrantRepository",
        "table_grants:TableGrantRepository",
        **stores,
    )
    api_keys = _store(
        "memory_api_keys:InMemoryApiKeyRepository",
        "sqlite_api_keys:SqliteApiKeyRepository",
        "dynamodb_api_keys:DynamoDBApiKeyRepository",
        "table_api_keys:TableApiKeyRepository",
        **stores,
    )
    articles = _store(
        "memory_articles:InMemoryArticleRepository",
        "sqlite_articles:SqliteArticleRepository",
        "dynamodb_articles:DynamoDBArticleRepository",
        "table_articles:TableArticleRepository",
        **stores,
    )
    announcements = _store(
        "memory_announcement_log:InMemoryAnnouncementLog",
        "sqlite_announcement_log:SqliteAnnouncementLog",
        "dynamodb_announcement_log:DynamoDBAnnouncementLog",
        "table_announcement_log:TableAnnouncementLog",
        **stores,
    )
    erased = _store(
        "memory_erased_accounts:InMemoryErasedAccounts",
        "sqlite_erased_accounts:SqliteErasedAccounts",
        "dynamodb_erased_accounts:DynamoDBErasedAccounts",
        "table_erased_accounts:TableErasedAccounts",
        **stores,
    )

    # AWS services, each client built on first use.
    cognito = _aws_client("cognito-idp", aws.region)
    connections = providers.ThreadSafeSingleton(
        adapter("aws.dynamodb_live_connections:DynamoDBLiveConnections"), dynamodb, aws.table
    )
    azure_http = providers.ThreadSafeSingleton(adapter("azure.clients:http_client"))
    graph_token = providers.ThreadSafeSingleton(
        adapter("azure.entra_client_credentials:EntraClientCredentials"),
        azure_http,
        azure.authority,
        azure.tenant_id,
        azure.graph_client_id,
        azure.graph_client_secret,
        providers.Callable(adapter("azure.entra_client_credentials:graph_scope"), azure.graph_url),
        system_clock,
    )
    apps = providers.Selector(
        config.cloud,
        memory=providers.ThreadSafeSingleton(
            adapter("local.memory_app_registry:InMemoryAppRegistry")
        ),
        local=providers.ThreadSafeSingleton(
            adapter("local.sqlite_app_registry:SqliteAppRegistry"), database
        ),
        aws=providers.ThreadSafeSingleton(
            adapter("aws.cognito_app_registry:CognitoAppRegistry"),
            cognito,
            aws.user_pool_id,
            providers.ThreadSafeSingleton(
                adapter("aws.dynamodb_app_records:DynamoDBAppRecords"), dynamodb, aws.table
            ),
        ),
        azure=providers.ThreadSafeSingleton(
            adapter("azure.entra_app_registry:EntraAppRegistry"),
            azure_http,
            azure.graph_url,
            graph_token,
            providers.ThreadSafeSingleton(
                adapter("azure.table_app_records:TableAppRecords"), tables
            ),
        ),
    )
    push = providers.Selector(
        config.cloud,
        memory=providers.ThreadSafeSingleton(
            adapter("local.memory_push_notifier:InMemoryPushNotifier")
        ),
        local=providers.ThreadSafeSingleton(
            adapter("local.sqlite_push_notifier:SqlitePushNotifier"), database
        ),
        aws=providers.ThreadSafeSingleton(
            adapter("aws.sns_push_notifier:SnsPushNotifier"),
            _aws_client("sns", aws.region),
            aws.apns_platform_arn,
            aws.fcm_platform_arn,
        ),
        azure=providers.ThreadSafeSingleton(
            adapter("azure.notification_hubs_push_notifier:NotificationHubsPushNotifier"),
            azure_http,
            azure.notification_hub_connection,
            azure.notification_hub,
        ),
    )
    live = providers.Selector(
        config.cloud,
        memory=providers.ThreadSafeSingleton(
            adapter("local.memory_live_updates:InMemoryLiveUpdates")
        ),
        local=providers.ThreadSafeSingleton(
            adapter("local.websocket_live_updates:WebSocketLiveUpdates")
        ),
        aws=providers.ThreadSafeSingleton(
            adapter("aws.apigw_live_updates:ApiGatewayLiveUpdates"),
            _aws_client("apigatewaymanagementapi", aws.region, aws.websocket_endpoint),
            connections,
        ),
        azure=providers.ThreadSafeSingleton(
            adapter("azure.webpubsub_live_updates:WebPubSubLiveUpdates"),
            providers.ThreadSafeSingleton(
                adapter("azure.clients:webpubsub_client"),
                azure.webpubsub_connection,
                azure.webpubsub_hub,
            ),
        ),
    )
    # Where an owner's app connects for live updates (Web PubSub's negotiate, on Azure).
    live_access = live
    users = providers.Selector(
        config.cloud,
        memory=providers.ThreadSafeSingleton(
            adapter("local.memory_user_directory:InMemoryUserDirectory")
        ),
        local=providers.ThreadSafeSingleton(
            adapter("local.sqlite_user_directory:SqliteUserDirectory"), database
        ),
        aws=providers.ThreadSafeSingleton(
            adapter("aws.cognito_user_directory:CognitoUserDirectory"), cognito, aws.user_pool_id
        ),
        azure=providers.ThreadSafeSingleton(
            adapter("azure.graph_user_directory:GraphUserDirectory"),
            azure_http,
            azure.graph_url,
            graph_token,
            azure.audience,
            azure.admin_role_id,
        ),
    )

    # Identity: locally, the local issuer signs and the verifier reads its JWKS; on AWS, Cognito.
    signing_key = providers.ThreadSafeSingleton(
        adapter("local.jwt_token_issuer:load_or_create_key"), config.signing_key_path
    )
    token_issuer = providers.ThreadSafeSingleton(
        adapter("local.jwt_token_issuer:JwtTokenIssuer"),
        signing_key,
        config.issuer,
        config.audience,
        clock,
    )
    local_identity = providers.ThreadSafeSingleton(
        adapter("local.jwt_identity_verifier:JwtIdentityVerifier"),
        token_issuer.provided.jwks,
        config.issuer,
        config.audience,
        clock,
    )
    identity = providers.Selector(
        config.cloud,
        memory=local_identity,
        local=local_identity,
        # Cognito's tokens live in real time, whatever time the business clock tells.
        aws=providers.ThreadSafeSingleton(
            adapter("aws.cognito_identity_verifier:CognitoIdentityVerifier"),
            aws.jwks_url,
            aws.issuer,
            aws.app_client_id,
            apps,
            system_clock,
        ),
        azure=providers.ThreadSafeSingleton(
            adapter("azure.entra_identity_verifier:EntraIdentityVerifier"),
            azure.jwks_url,
            azure.authority,
            azure.audience,
            azure.allowed_tenants,
            apps,
            system_clock,
            mobile_client_id=azure.mobile_client_id,
        ),
    )

    # Messaging: in process locally (handlers resolved when a message arrives); SQS and EventBridge on AWS.
    announce = providers.Factory(announce.Announce, phones, push, live)
    in_process_events = providers.ThreadSafeSingleton(
        adapter("local.inprocess_event_publisher:InProcessEventPublisher"),
        providers.List(announce).provider,
    )
    events = providers.Selector(
        config.cloud,
        memory=in_process_events,
        local=in_process_events,
        aws=providers.ThreadSafeSingleton(
            adapter("aws.eventbridge_event_publisher:EventBridgeEventPublisher"),
            _aws_client("events", aws.region),
            aws.event_bus,
        ),
        azure=providers.ThreadSafeSingleton(
            adapter("azure.eventgrid_event_publisher:EventGridEventPublisher"),
            providers.ThreadSafeSingleton(
                adapter("azure.clients:eventgrid_client"),
                azure.eventgrid_endpoint,
                azure.eventgrid_key,
            ),
        ),
    )
    intake = providers.Factory(
        ReadingIntake, trackers, pets, owners, ledger, quarantine, announcements, events, clock
    )
    blob_created = providers.Callable(_on_blob_created, __self__)
    blobs = providers.Selector(
        config.cloud,
        memory=providers.ThreadSafeSingleton(
            adapter("local.memory_blob_store:InMemoryBlobStore"), clock, blob_created
        ),
        local=providers.ThreadSafeSingleton(
            adapter("local.file_blob_store:FileBlobStore"),
            config.blob_root,
            config.base_url,
            config.link_secret,
            clock,
            blob_created,
        ),
        # S3 tells of new objects itself, through its notification to the S3 function.
        aws=providers.ThreadSafeSingleton(
            adapter("aws.s3_blob_store:S3BlobStore"),
            _aws_client("s3", aws.region),
            aws.bucket,
        ),
        # Event Grid tells of new blobs itself, through its BlobCreated subscription.
        azure=providers.Factory(
            _azure_blobs,
            providers.ThreadSafeSingleton(
                adapter("azure.clients:container_client"),
                azure.storage_connection,
                azure.blob_container,
            ),
            azure.storage_connection,
            system_clock,  # a link's expiry is the storage service's time, not the business clock's
        ),
    )
    process_bundle = providers.Factory(
        process_bundle.ProcessBundleJob, bundles, blobs, intake, clock
    )
    in_process_jobs = providers.ThreadSafeSingleton(
        adapter("local.inprocess_job_queue:InProcessJobQueue"), process_bundle.provider
    )
    jobs = providers.Selector(
        config.cloud,
        memory=in_process_jobs,
        local=in_process_jobs,
        aws=providers.ThreadSafeSingleton(
            adapter("aws.sqs_job_queue:SqsJobQueue"),
            _aws_client("sqs", aws.region),
            aws.jobs_queue_url,
        ),
        azure=providers.ThreadSafeSingleton(
            adapter("azure.storage_queue_job_queue:StorageQueueJobQueue"),
            providers.ThreadSafeSingleton(
                adapter("azure.storage_queue_job_queue:functions_queue_client"),
                azure.storage_connection,
                azure.jobs_queue,
            ),
        ),
    )
    queue_bundle_processing = providers.Factory(bundle_uploaded.QueueBundleProcessing, jobs)

    # Use cases.
    access = providers.Factory(PetAccess, pets, grants)
    authenticate = providers.Factory(authenticate.Authenticate, identity, erased)
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
    purge_quarantine = providers.Factory(purge_quarantine.PurgeQuarantine, quarantine, clock)
    delete_account = providers.Factory(
        delete_account.DeleteAccount,
        erased,
        providers.Factory(
            delete_account.PetErasure, pets, trackers, quarantine, ledger, announcements, blobs
        ),
        providers.Factory(
            delete_account.AccountErasure, bundles, blobs, grants, phones, push, live, owners, users
        ),
    )


def build_container(settings: Settings | None = None) -> Container:
    """A container configured from `settings` (the environment's, read once, by default)."""
    container = Container()
    container.config.from_dict((settings or Settings.from_environment()).as_config())
    return container
