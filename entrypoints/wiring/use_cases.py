"""The use cases, built from the ports alone: this container knows no provider.

`ports` is whichever provider's adapter container build_container chose. Every use case is a
Factory (cheap, built per call from long-lived adapters), so nothing is built at import.
"""

from __future__ import annotations

from dependency_injector import containers, providers

from application.announcing import Announcer
from application.authorization import PetAccess
from application.intake import ReadingIntake
from application.pet_changes import RecountedChange
from application.use_cases import (
    announce,
    authenticate,
    authorize_app,
    blob_links,
    bundle_uploaded,
    check_api_key,
    check_limit,
    close_live_updates,
    decide_app,
    delete_account,
    deliver_webhook,
    export_account,
    get_article,
    get_bundle,
    get_daily_activity,
    get_daily_series,
    get_export,
    get_hourly_series,
    get_location_history,
    get_pet,
    get_profile,
    get_recommendations,
    get_tracker,
    get_whereabouts,
    grant_access,
    issue_api_key,
    keep_undelivered,
    list_api_keys,
    list_bundles,
    list_grants,
    list_outbox,
    list_pets,
    list_quarantine,
    list_users,
    oauth_tokens,
    observe,
    open_live_updates,
    page_of,
    pair_tracker,
    photo_links,
    process_bundle,
    publish_article,
    purge_quarantine,
    read_metrics,
    record_deliveries,
    record_readings,
    record_weight,
    register_app,
    register_pet,
    register_phone,
    remove_pet,
    remove_phone,
    request_app,
    request_export,
    revoke_access,
    revoke_api_key,
    run_job,
    set_safe_zone,
    set_step_goal,
    set_time_zone,
    sign_in,
    start_bundle_upload,
    subscribe_app,
    sweep_exports,
    unpair_tracker,
    withdraw_article,
)
from application.use_cases.run_job import RunDueJobs
from domain.content import ContentModel

Factory = providers.Factory


class UseCases(containers.DeclarativeContainer):
    ports = providers.DependenciesContainer()
    clock = ports.clock
    # How the CMS is configured (settings); build_container gives the environment's.
    content_model = providers.Dependency(instance_of=ContentModel, default=ContentModel())

    # Identity and keys.
    authenticate = Factory(
        authenticate.Authenticate, ports.identity, ports.erased, ports.authorizations, clock
    )
    check_api_key = Factory(check_api_key.CheckApiKey, ports.api_keys)
    issue_api_key = Factory(issue_api_key.IssueApiKey, ports.api_keys)
    revoke_api_key = Factory(revoke_api_key.RevokeApiKey, ports.api_keys)
    list_api_keys = Factory(list_api_keys.ListApiKeys, ports.api_keys)
    get_signing_keys = Factory(sign_in.GetSigningKeys, ports.token_issuer)
    sign_in = Factory(sign_in.SignIn, ports.token_issuer, ports.apps)
    list_users = Factory(list_users.ListUsers, ports.users)

    # Pets, trackers, owners, phones.
    access = Factory(PetAccess, ports.pets, ports.grants)
    register_pet = Factory(register_pet.RegisterPet, ports.pets, ports.owners, clock)
    list_pets = Factory(list_pets.ListPets, ports.pets, access)
    get_pet = Factory(get_pet.GetPet, access)
    recounted_change = Factory(
        RecountedChange, ports.pets, ports.trackers, ports.owners, access, clock
    )
    set_step_goal = Factory(set_step_goal.SetStepGoal, recounted_change)
    record_weight = Factory(record_weight.RecordWeight, ports.pets, ports.owners, access, clock)
    pair_tracker = Factory(pair_tracker.PairTracker, ports.trackers, ports.owners, access, clock)
    get_tracker = Factory(get_tracker.GetTracker, ports.trackers, ports.ledger)
    unpair_tracker = Factory(unpair_tracker.UnpairTracker, ports.trackers, access)
    set_safe_zone = Factory(set_safe_zone.SetSafeZone, recounted_change)
    get_profile = Factory(get_profile.GetProfile, ports.owners, access)
    set_time_zone = Factory(
        set_time_zone.SetTimeZone, ports.owners, ports.pets, ports.trackers, clock
    )
    register_phone = Factory(register_phone.RegisterPhone, ports.phones)
    remove_phone = Factory(remove_phone.RemovePhone, ports.phones, ports.push)

    # Activity.
    get_daily_activity = Factory(get_daily_activity.GetDailyActivity, ports.ledger, access)
    get_location_history = Factory(get_location_history.GetLocationHistory, ports.ledger, access)
    get_daily_series = Factory(get_daily_series.GetDailySeries, ports.ledger, access)
    get_hourly_series = Factory(
        get_hourly_series.GetHourlySeries, ports.ledger, ports.owners, access
    )
    get_whereabouts = Factory(get_whereabouts.GetWhereabouts, ports.ledger, access)
    get_recommendations = Factory(
        get_recommendations.GetRecommendations,
        ports.ledger,
        ports.articles,
        ports.owners,
        access,
        clock,
    )

    # Readings in, announcements out.
    announcer = Factory(
        Announcer,
        ports.announcements,
        ports.events,
        ports.live,
        ports.live_connections,
        ports.telemetry,
        ports.subscriptions,
        ports.jobs,
        clock,
    )
    intake = Factory(
        ReadingIntake,
        ports.trackers,
        ports.pets,
        ports.owners,
        ports.ledger,
        ports.quarantine,
        announcer,
        clock,
    )
    record_readings = Factory(record_readings.RecordReadings, intake, clock, ports.telemetry)
    record_deliveries = Factory(record_deliveries.RecordDeliveries, intake, clock, ports.telemetry)
    keep_undelivered = Factory(
        keep_undelivered.KeepUndelivered, ports.dead_letters, clock, ports.telemetry
    )
    announce = Factory(announce.Announce, ports.phones, ports.push, ports.live, ports.telemetry)
    open_live_updates = Factory(open_live_updates.OpenLiveUpdates, ports.live_connections)
    close_live_updates = Factory(close_live_updates.CloseLiveUpdates, ports.live_connections)
    list_outbox = Factory(list_outbox.ListOutbox, ports.push_outbox)

    # Bundles and photos: objects reached through links.
    start_bundle_upload = Factory(
        start_bundle_upload.StartBundleUpload, ports.bundles, ports.trackers, ports.blobs
    )
    queue_bundle_processing = Factory(
        bundle_uploaded.QueueBundleProcessing, ports.jobs, ports.blobs
    )
    process_bundle = Factory(
        process_bundle.ProcessBundleJob, ports.bundles, ports.blobs, intake, clock, ports.telemetry
    )
    get_bundle = Factory(get_bundle.GetBundle, ports.bundles)
    list_bundles = Factory(list_bundles.ListBundles, ports.bundles)
    export_records = Factory(
        export_account.ExportRecords,
        ports.owners,
        ports.pets,
        ports.trackers,
        ports.ledger,
        ports.grants,
        ports.phones,
    )
    export_account = Factory(
        export_account.ExportAccountJob,
        export_records,
        ports.blobs,
        ports.phones,
        ports.push,
        ports.announcements,
    )
    request_export = Factory(request_export.RequestExport, ports.blobs, ports.jobs)
    get_export = Factory(get_export.GetExport, ports.blobs)
    page_of = Factory(page_of.PageOf, ports.cursors)
    sweep_exports = Factory(sweep_exports.SweepExports, ports.blob_expiry, clock)
    request_photo_upload = Factory(photo_links.RequestPhotoUpload, ports.blobs, access)
    request_photo_download = Factory(photo_links.RequestPhotoDownload, ports.blobs, access)
    upload_through_link = Factory(blob_links.UploadThroughLink, ports.blob_links)
    download_through_link = Factory(blob_links.DownloadThroughLink, ports.blob_links)

    # Apps and grants.
    register_app = Factory(register_app.RegisterApp, ports.apps)
    grant_access = Factory(grant_access.GrantAccess, ports.apps, ports.grants, ports.subscriptions)
    revoke_access = Factory(
        revoke_access.RevokeAccess,
        ports.grants,
        ports.authorizations,
        ports.subscriptions,
        ports.jobs,
        clock,
    )
    list_grants = Factory(
        list_grants.ListGrants,
        ports.apps,
        ports.grants,
        ports.authorizations,
        ports.subscriptions,
    )

    # The app platform: registration requests, OAuth, subscriptions, limits.
    request_app = Factory(
        request_app.RequestApp, ports.app_requests, ports.approval_workflow, clock
    )
    get_app_request = Factory(decide_app.GetAppRequest, ports.app_requests, clock)
    expire_app_requests = Factory(
        decide_app.ExpireAppRequests, ports.app_requests, ports.approval_workflow, clock
    )
    remember_approval_token = Factory(decide_app.RememberApprovalToken, ports.approval_workflow)
    decide_app = Factory(
        decide_app.DecideApp, ports.app_requests, ports.approval_workflow, ports.apps, clock
    )
    signed_in = Factory(
        authorize_app.SignedIn, ports.authorizations, ports.owner_sign_in, ports.apps, clock
    )
    consent_to_app = Factory(
        authorize_app.ConsentToApp,
        ports.oauth_server,
        ports.authorizations,
        ports.grants,
        ports.subscriptions,
        clock,
    )
    authorize_app = Factory(
        authorize_app.AuthorizeApp,
        ports.oauth_server,
        ports.authorizations,
        ports.owner_sign_in,
        clock,
    )
    exchange_token = Factory(oauth_tokens.ExchangeToken, ports.oauth_server)
    revoke_token = Factory(oauth_tokens.RevokeToken, ports.oauth_server)
    unsubscribe_app = Factory(
        subscribe_app.UnsubscribeApp, ports.apps, ports.subscriptions, ports.secret_store
    )
    subscribe_app = Factory(
        subscribe_app.SubscribeApp,
        ports.apps,
        ports.subscriptions,
        ports.secret_store,
        ports.webhook_sender,
        clock,
        ports.webhooks_to_loopback,
    )
    list_failed_webhooks = Factory(deliver_webhook.ListFailedWebhooks, ports.subscriptions)
    replay_webhook = Factory(deliver_webhook.ReplayWebhook, ports.subscriptions, ports.jobs, clock)
    deliver_webhook = Factory(
        deliver_webhook.DeliverWebhookJob,
        ports.subscriptions,
        ports.secret_store,
        ports.webhook_sender,
        ports.jobs,
        clock,
        ports.system_clock,
        ports.telemetry,
    )
    check_limit = Factory(
        check_limit.CheckLimit,
        ports.apps,
        ports.rate_limiter,
        clock,
        check_limit.INGEST_REQUESTS_PER_MINUTE,
    )
    run_job = Factory(
        run_job.RunJob, process_bundle, export_account, deliver_webhook, remember_approval_token
    )

    # Content.
    publish_article = Factory(publish_article.PublishArticle, ports.articles, content_model)
    withdraw_article = Factory(withdraw_article.WithdrawArticle, ports.articles, content_model)
    get_article = Factory(get_article.GetArticle, ports.articles)

    # Operations: what an entrypoint saw (requests served, jobs failed), and the metrics.
    observe = Factory(observe.Observe, ports.telemetry)
    # (RunDueJobs is imported by name: `run_job` is the RunJob factory from here on.)
    run_due_jobs = Factory(RunDueJobs, ports.jobs, observe)
    read_metrics = Factory(read_metrics.ReadMetrics, ports.metrics_scrape)

    # Administration and erasure.
    list_quarantine = Factory(list_quarantine.ListQuarantine, ports.quarantine, clock)
    purge_quarantine = Factory(purge_quarantine.PurgeQuarantine, ports.quarantine, clock)
    pet_erasure = Factory(
        delete_account.PetErasure,
        ports.pets,
        ports.trackers,
        ports.quarantine,
        ports.ledger,
        ports.announcements,
        ports.blobs,
    )
    remove_pet = Factory(remove_pet.RemovePet, access, pet_erasure)
    delete_account = Factory(
        delete_account.DeleteAccount,
        ports.erased,
        pet_erasure,
        Factory(
            delete_account.AccountErasure,
            ports.bundles,
            ports.blobs,
            ports.grants,
            ports.phones,
            ports.push,
            ports.live,
            ports.owners,
            ports.users,
            ports.authorizations,
            ports.subscriptions,
        ),
    )
