# mypy: disable-error-code="type-abstract"
# (a Dependency names its port, an ABC: mypy wants a concrete class where instance_of is checked)
"""The ports every provider's adapter container declares, under the same names.

`Ports` is the interface: each port a `Dependency` on its ABC. A provider's module
(`memory.py`, `local.py`, `aws.py`, `azure.py`) subclasses it and provides each port with an
adapter; `tests/test_wiring.py` checks that every provider provides every port it must, and
that what it builds is an instance of the port. Four ports exist only where no cloud
service does the work (`token_issuer`, `blob_links`, `blob_expiry`, `push_outbox`, `metrics_scrape`): the cloud providers
leave them undefined, and asking for one there says so.
"""

from __future__ import annotations

from collections.abc import Callable

from dependency_injector import containers, providers

from application.ports.access import AppRegistry, GrantRepository
from application.ports.activity import ActivityLedger
from application.ports.api_keys import ApiKeyRepository
from application.ports.apps import (
    AppRequests,
    ApprovalWorkflow,
    Authorizations,
    OAuthServer,
    OwnerSignIn,
    RateLimiter,
    Subscriptions,
    WebhookSender,
)
from application.ports.blobs import BlobExpiry, BlobLinks, BlobStore
from application.ports.bundles import BundleRepository
from application.ports.clock import Clock
from application.ports.content import ArticleRepository
from application.ports.dead_letters import DeadLetters
from application.ports.identity import ErasedAccounts, IdentityVerifier, TokenIssuer, UserDirectory
from application.ports.live import LiveConnections
from application.ports.messaging import EventPublisher, JobQueue
from application.ports.notifications import AnnouncementLog, LiveUpdates, PushNotifier, PushOutbox
from application.ports.owners import OwnerRepository
from application.ports.pages import PageCursors
from application.ports.pets import PetRepository
from application.ports.phones import PhoneRegistry
from application.ports.quarantine import QuarantineStore
from application.ports.secrets import SecretStore
from application.ports.telemetry import MetricsScrape, Telemetry
from application.ports.trackers import TrackerRepository
from application.use_cases.bundle_uploaded import BundleUploadedEvent, QueueBundleProcessing

LAPTOP_ONLY = ("token_issuer", "blob_links", "blob_expiry", "push_outbox", "metrics_scrape")


class Ports(containers.DeclarativeContainer):
    # The business clock (settable in tests) and the real one (token and link expiry).
    clock: providers.Provider[Clock] = providers.Dependency(instance_of=Clock)
    system_clock: providers.Provider[Clock] = providers.Dependency(instance_of=Clock)

    pets: providers.Provider[PetRepository] = providers.Dependency(instance_of=PetRepository)
    trackers: providers.Provider[TrackerRepository] = providers.Dependency(
        instance_of=TrackerRepository
    )
    ledger: providers.Provider[ActivityLedger] = providers.Dependency(instance_of=ActivityLedger)
    quarantine: providers.Provider[QuarantineStore] = providers.Dependency(
        instance_of=QuarantineStore
    )
    owners: providers.Provider[OwnerRepository] = providers.Dependency(instance_of=OwnerRepository)
    phones: providers.Provider[PhoneRegistry] = providers.Dependency(instance_of=PhoneRegistry)
    bundles: providers.Provider[BundleRepository] = providers.Dependency(
        instance_of=BundleRepository
    )
    grants: providers.Provider[GrantRepository] = providers.Dependency(instance_of=GrantRepository)
    api_keys: providers.Provider[ApiKeyRepository] = providers.Dependency(
        instance_of=ApiKeyRepository
    )
    articles: providers.Provider[ArticleRepository] = providers.Dependency(
        instance_of=ArticleRepository
    )
    announcements: providers.Provider[AnnouncementLog] = providers.Dependency(
        instance_of=AnnouncementLog
    )
    erased: providers.Provider[ErasedAccounts] = providers.Dependency(instance_of=ErasedAccounts)
    apps: providers.Provider[AppRegistry] = providers.Dependency(instance_of=AppRegistry)
    users: providers.Provider[UserDirectory] = providers.Dependency(instance_of=UserDirectory)
    identity: providers.Provider[IdentityVerifier] = providers.Dependency(
        instance_of=IdentityVerifier
    )
    push: providers.Provider[PushNotifier] = providers.Dependency(instance_of=PushNotifier)
    live: providers.Provider[LiveUpdates] = providers.Dependency(instance_of=LiveUpdates)
    live_connections: providers.Provider[LiveConnections] = providers.Dependency(
        instance_of=LiveConnections
    )
    events: providers.Provider[EventPublisher] = providers.Dependency(instance_of=EventPublisher)
    jobs: providers.Provider[JobQueue] = providers.Dependency(instance_of=JobQueue)
    blobs: providers.Provider[BlobStore] = providers.Dependency(instance_of=BlobStore)
    cursors: providers.Provider[PageCursors] = providers.Dependency(instance_of=PageCursors)
    dead_letters: providers.Provider[DeadLetters] = providers.Dependency(instance_of=DeadLetters)
    telemetry: providers.Provider[Telemetry] = providers.Dependency(instance_of=Telemetry)

    # The app platform.
    app_requests: providers.Provider[AppRequests] = providers.Dependency(instance_of=AppRequests)
    approval_workflow: providers.Provider[ApprovalWorkflow] = providers.Dependency(
        instance_of=ApprovalWorkflow
    )
    authorizations: providers.Provider[Authorizations] = providers.Dependency(
        instance_of=Authorizations
    )
    oauth_server: providers.Provider[OAuthServer] = providers.Dependency(instance_of=OAuthServer)
    owner_sign_in: providers.Provider[OwnerSignIn] = providers.Dependency(instance_of=OwnerSignIn)
    subscriptions: providers.Provider[Subscriptions] = providers.Dependency(
        instance_of=Subscriptions
    )
    webhook_sender: providers.Provider[WebhookSender] = providers.Dependency(
        instance_of=WebhookSender
    )
    rate_limiter: providers.Provider[RateLimiter] = providers.Dependency(instance_of=RateLimiter)
    secret_store: providers.Provider[SecretStore] = providers.Dependency(instance_of=SecretStore)
    # Webhooks may go to loopback and private addresses (a laptop, tests): a setting, off by default.
    webhooks_to_loopback: providers.Provider[bool] = providers.Object(False)

    token_issuer: providers.Provider[TokenIssuer] = providers.Dependency(instance_of=TokenIssuer)
    blob_links: providers.Provider[BlobLinks] = providers.Dependency(instance_of=BlobLinks)
    blob_expiry: providers.Provider[BlobExpiry] = providers.Dependency(instance_of=BlobExpiry)
    push_outbox: providers.Provider[PushOutbox] = providers.Dependency(instance_of=PushOutbox)
    metrics_scrape: providers.Provider[MetricsScrape] = providers.Dependency(
        instance_of=MetricsScrape
    )

    # The use cases that in-process adapters hand events, jobs and new objects to (memory and
    # local providers; in the clouds a trigger does). build_container sets it for every provider.
    deliveries = providers.DependenciesContainer()


def upload_hook(queue: Callable[[], QueueBundleProcessing]) -> Callable[[str], None]:
    """What S3's notification and Event Grid's BlobCreated do in the clouds, done in process:
    a new object is handed to QueueBundleProcessing (`queue` resolves it when one arrives)."""

    def created(key: str) -> None:
        queue()(BundleUploadedEvent(key))

    return created
