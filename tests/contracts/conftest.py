"""The adapters every port's contract suite runs against.

Each port has a dict of factories, one per adapter. To bring in a provider (AWS on
moto, Azure on Azurite), add its factory to each port's dict: every contract test
of that port then runs against it as well. A factory gets a `Workspace` (a private
directory and a clock the test moves) and returns the adapter, or, for ports whose
effect is seen outside the adapter (blobs, push, live updates, messaging), a small
test-side accessor. A factory that has something to stop afterwards (a thread, a
moto mock, a loopback server) is a generator: it yields the adapter and cleans up
after the yield.
"""

from __future__ import annotations

import inspect
import secrets
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from adapters.aws.kms_page_cursors import KmsPageCursors
from adapters.azure.clients import cursor_key
from adapters.hmac_page_cursors import HmacPageCursors, derived_key
from adapters.local import (
    file_dead_letters,
    memory_activity_ledger,
    memory_announcement_log,
    memory_api_keys,
    memory_app_registry,
    memory_app_requests,
    memory_articles,
    memory_authorizations,
    memory_bundles,
    memory_dead_letters,
    memory_erased_accounts,
    memory_grants,
    memory_owners,
    memory_pets,
    memory_phone_registry,
    memory_push_notifier,
    memory_quarantine_store,
    memory_rate_limiter,
    memory_subscriptions,
    memory_trackers,
    memory_user_directory,
    sqlite_activity_ledger,
    sqlite_announcement_log,
    sqlite_api_keys,
    sqlite_app_registry,
    sqlite_app_requests,
    sqlite_articles,
    sqlite_authorizations,
    sqlite_bundles,
    sqlite_erased_accounts,
    sqlite_grants,
    sqlite_owners,
    sqlite_pets,
    sqlite_phone_registry,
    sqlite_push_notifier,
    sqlite_quarantine_store,
    sqlite_rate_limiter,
    sqlite_subscriptions,
    sqlite_trackers,
    sqlite_user_directory,
)
from adapters.local.settable_clock import SettableClock
from adapters.local.sqlite_db import SqliteDatabase
from adapters.system_clock import SystemClock
from application.ports.identity import IdentityVerifier
from tests.support import aws

from . import aws_services, aws_storage, azure_identity, azure_services, azure_storage
from .harnesses.blobs import BlobHarness, FileBlobHarness, MemoryBlobHarness
from .harnesses.identity import LocalTokenMinter, TokenMinter
from .harnesses.live import InMemoryLiveHarness, InProcessLiveHarness, LiveHarness
from .harnesses.messaging import (
    EventBusHarness,
    InProcessEventPublisherHarness,
    InProcessJobQueueHarness,
    JobQueueHarness,
)
from .harnesses.push import InMemoryPushHarness, LogOutboxHarness, OutboxHarness, PushHarness
from .harnesses.telemetry import (
    OpenTelemetryHarness,
    PowertoolsHarness,
    PrometheusHarness,
    TelemetryHarness,
)

START = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


class Workspace:
    """What an adapter may need: a directory of its own, a clock, and a database kept there."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.clock = SettableClock(START)
        self._database: SqliteDatabase | None = None

    def database(self) -> SqliteDatabase:
        """One database per test, made when an adapter first needs it (in a directory not yet made)."""
        if self._database is None:
            self._database = SqliteDatabase(self.directory / "data" / "pawtrack.db")
        return self._database

    def close(self) -> None:
        if self._database is not None:
            self._database.close()


Factory = Callable[[Workspace], Any]

PETS: dict[str, Factory] = {
    "memory": lambda ws: memory_pets.InMemoryPetRepository(),
    "sqlite": lambda ws: sqlite_pets.SqlitePetRepository(ws.database()),
    "aws": aws_storage.PETS,
    "azure": azure_storage.PETS,
}
TRACKERS: dict[str, Factory] = {
    "memory": lambda ws: memory_trackers.InMemoryTrackerRepository(),
    "sqlite": lambda ws: sqlite_trackers.SqliteTrackerRepository(ws.database()),
    "aws": aws_storage.TRACKERS,
    "azure": azure_storage.TRACKERS,
}
LEDGERS: dict[str, Factory] = {
    "memory": lambda ws: memory_activity_ledger.InMemoryActivityLedger(),
    "sqlite": lambda ws: sqlite_activity_ledger.SqliteActivityLedger(ws.database()),
    "aws": aws_storage.LEDGERS,
    "azure": azure_storage.LEDGERS,
}
QUARANTINES: dict[str, Factory] = {
    "memory": lambda ws: memory_quarantine_store.InMemoryQuarantineStore(),
    "sqlite": lambda ws: sqlite_quarantine_store.SqliteQuarantineStore(ws.database()),
    "aws": aws_storage.QUARANTINES,
    "azure": azure_storage.QUARANTINES,
}
OWNERS: dict[str, Factory] = {
    "memory": lambda ws: memory_owners.InMemoryOwnerRepository(),
    "sqlite": lambda ws: sqlite_owners.SqliteOwnerRepository(ws.database()),
    "aws": aws_storage.OWNERS,
    "azure": azure_storage.OWNERS,
}
PHONES: dict[str, Factory] = {
    "memory": lambda ws: memory_phone_registry.InMemoryPhoneRegistry(),
    "sqlite": lambda ws: sqlite_phone_registry.SqlitePhoneRegistry(ws.database()),
    "aws": aws_storage.PHONES,
    "azure": azure_storage.PHONES,
}
BUNDLES: dict[str, Factory] = {
    "memory": lambda ws: memory_bundles.InMemoryBundleRepository(),
    "sqlite": lambda ws: sqlite_bundles.SqliteBundleRepository(ws.database()),
    "aws": aws_storage.BUNDLES,
    "azure": azure_storage.BUNDLES,
}
APPS: dict[str, Factory] = {
    "memory": lambda ws: memory_app_registry.InMemoryAppRegistry(),
    "sqlite": lambda ws: sqlite_app_registry.SqliteAppRegistry(ws.database()),
    "aws": aws_services.apps,
    "azure": azure_identity.apps,
}
GRANTS: dict[str, Factory] = {
    "memory": lambda ws: memory_grants.InMemoryGrantRepository(),
    "sqlite": lambda ws: sqlite_grants.SqliteGrantRepository(ws.database()),
    "aws": aws_storage.GRANTS,
    "azure": azure_storage.GRANTS,
}
API_KEYS: dict[str, Factory] = {
    "memory": lambda ws: memory_api_keys.InMemoryApiKeyRepository(),
    "sqlite": lambda ws: sqlite_api_keys.SqliteApiKeyRepository(ws.database()),
    "aws": aws_storage.API_KEYS,
    "azure": azure_storage.API_KEYS,
}
ARTICLES: dict[str, Factory] = {
    "memory": lambda ws: memory_articles.InMemoryArticleRepository(),
    "sqlite": lambda ws: sqlite_articles.SqliteArticleRepository(ws.database()),
    "aws": aws_storage.ARTICLES,
    "azure": azure_storage.ARTICLES,
}
ANNOUNCEMENT_LOGS: dict[str, Factory] = {
    "memory": lambda ws: memory_announcement_log.InMemoryAnnouncementLog(),
    "sqlite": lambda ws: sqlite_announcement_log.SqliteAnnouncementLog(ws.database()),
    "aws": aws_storage.ANNOUNCEMENT_LOGS,
    "azure": azure_storage.ANNOUNCEMENT_LOGS,
}
PUSH_NOTIFIERS: dict[str, Callable[[Workspace], PushHarness]] = {
    "memory": lambda ws: InMemoryPushHarness(memory_push_notifier.InMemoryPushNotifier()),
    "sqlite": lambda ws: OutboxHarness(sqlite_push_notifier.SqlitePushNotifier(ws.database())),
    "aws": aws_services.push,
    "azure": azure_identity.push,
    "log-outbox": lambda ws: LogOutboxHarness(),
}
TELEMETRY: dict[str, Callable[[Workspace], TelemetryHarness]] = {
    "prometheus": lambda ws: PrometheusHarness(),
    "powertools": lambda ws: PowertoolsHarness(),
    "opentelemetry": lambda ws: OpenTelemetryHarness(),
}
ERASED_ACCOUNTS: dict[str, Factory] = {
    "memory": lambda ws: memory_erased_accounts.InMemoryErasedAccounts(),
    "sqlite": lambda ws: sqlite_erased_accounts.SqliteErasedAccounts(ws.database()),
    "aws": aws_storage.ERASED,
    "azure": azure_storage.ERASED,
}
USER_DIRECTORIES: dict[str, Factory] = {
    "memory": lambda ws: memory_user_directory.InMemoryUserDirectory(),
    "sqlite": lambda ws: sqlite_user_directory.SqliteUserDirectory(ws.database()),
    "aws": aws_services.user_directory,
    "azure": azure_identity.user_directory,
}
DEAD_LETTERS: dict[str, Factory] = {
    "memory": lambda ws: memory_dead_letters.InMemoryDeadLetters(),
    "file": lambda ws: file_dead_letters.FileDeadLetters(ws.directory / "dead-letters"),
    "aws": aws_services.dead_letters,
    "azure": azure_services.dead_letters,
}
BLOB_STORES: dict[str, Callable[[Workspace], BlobHarness]] = {
    "memory": lambda ws: MemoryBlobHarness(ws.clock),
    "file": lambda ws: FileBlobHarness(ws.directory / "blobs", ws.clock),
    "aws": aws_services.blobs,
    "azure": azure_services.blobs,
}


def _inprocess_live(ws: Workspace) -> Iterator[LiveHarness]:
    harness = InProcessLiveHarness()
    yield harness
    harness.close()


def _local_identity(ws: Workspace) -> Iterator[tuple[IdentityVerifier, TokenMinter]]:
    minter = LocalTokenMinter(ws.clock)
    yield minter.verifier(), minter


LIVE_UPDATES: dict[str, Callable[[Workspace], LiveHarness | Iterator[LiveHarness]]] = {
    "memory": lambda ws: InMemoryLiveHarness(),
    "inprocess": _inprocess_live,
    "aws": aws_services.live,
    "azure": azure_identity.live,
}
EVENT_BUSES: dict[str, Callable[[Workspace], EventBusHarness]] = {
    "inprocess": lambda ws: InProcessEventPublisherHarness(),
    "aws": aws_services.events,
    "azure": azure_services.events,
}
JOB_QUEUES: dict[str, Callable[[Workspace], JobQueueHarness]] = {
    "inprocess": lambda ws: InProcessJobQueueHarness(),
    "aws": aws_services.jobs,
    "azure": azure_services.jobs,
}
# Each yields the verifier and a minter of its provider's tokens (see TokenMinter).
IDENTITY_VERIFIERS: dict[
    str, Callable[[Workspace], Iterator[tuple[IdentityVerifier, TokenMinter]]]
] = {
    "jwt": _local_identity,
    "aws": aws_services.identity,
    "azure": azure_identity.identity,
}
APP_REQUESTS: dict[str, Factory] = {
    "memory": lambda ws: memory_app_requests.InMemoryAppRequests(),
    "sqlite": lambda ws: sqlite_app_requests.SqliteAppRequests(ws.database()),
    "aws": aws_storage.APP_REQUESTS,
    "azure": azure_storage.APP_REQUESTS,
}
AUTHORIZATIONS: dict[str, Factory] = {
    "memory": lambda ws: memory_authorizations.InMemoryAuthorizations(),
    "sqlite": lambda ws: sqlite_authorizations.SqliteAuthorizations(ws.database()),
    "aws": aws_storage.AUTHORIZATIONS,
    "azure": azure_storage.AUTHORIZATIONS,
}
SUBSCRIPTIONS: dict[str, Factory] = {
    "memory": lambda ws: memory_subscriptions.InMemorySubscriptions(),
    "sqlite": lambda ws: sqlite_subscriptions.SqliteSubscriptions(ws.database()),
    "aws": aws_storage.SUBSCRIPTIONS,
    "azure": azure_storage.SUBSCRIPTIONS,
}
RATE_LIMITERS: dict[str, Factory] = {
    "memory": lambda ws: memory_rate_limiter.InMemoryRateLimiter(),
    "sqlite": lambda ws: sqlite_rate_limiter.SqliteRateLimiter(ws.database()),
    "aws": aws_storage.RATE_LIMITERS,
    "azure": azure_storage.RATE_LIMITERS,
}


def _kms_cursors(ws: Any) -> KmsPageCursors:
    return KmsPageCursors(aws.client("kms"), aws.cursor_key())


PAGE_CURSORS: dict[str, Factory] = {
    "memory": lambda ws: HmacPageCursors(secrets.token_bytes(32)),
    "local": lambda ws: HmacPageCursors(derived_key(secrets.token_bytes(32), "page-cursors")),
    "aws": _kms_cursors,
    "azure": lambda ws: HmacPageCursors(
        cursor_key(f"AccountName=a;AccountKey={secrets.token_hex(32)}")
    ),
}
CLOCKS: dict[str, Factory] = {
    "system": lambda ws: SystemClock(),
    "settable": lambda ws: ws.clock,
}


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace(tmp_path)
    yield workspace
    workspace.close()


def _adapters_of(name: str, factories: Mapping[str, Callable[[Workspace], Any]]) -> Any:
    """A fixture named `name` that yields each adapter of the port in turn."""

    @pytest.fixture(name=name, params=list(factories))
    def adapter(request: pytest.FixtureRequest, workspace: Workspace) -> Iterator[Any]:
        made = factories[request.param](workspace)
        if inspect.isgenerator(made):
            yield from made
        else:
            yield made

    return adapter


pets = _adapters_of("pets", PETS)
trackers = _adapters_of("trackers", TRACKERS)
ledger = _adapters_of("ledger", LEDGERS)
quarantine = _adapters_of("quarantine", QUARANTINES)
owners = _adapters_of("owners", OWNERS)
phones = _adapters_of("phones", PHONES)
bundles = _adapters_of("bundles", BUNDLES)
apps = _adapters_of("apps", APPS)
grants = _adapters_of("grants", GRANTS)
api_keys = _adapters_of("api_keys", API_KEYS)
articles = _adapters_of("articles", ARTICLES)
announcements = _adapters_of("announcements", ANNOUNCEMENT_LOGS)
push = _adapters_of("push", PUSH_NOTIFIERS)
users = _adapters_of("users", USER_DIRECTORIES)
erased = _adapters_of("erased", ERASED_ACCOUNTS)
blobs = _adapters_of("blobs", BLOB_STORES)
dead_letters = _adapters_of("dead_letters", DEAD_LETTERS)
live = _adapters_of("live", LIVE_UPDATES)
events = _adapters_of("events", EVENT_BUSES)
jobs = _adapters_of("jobs", JOB_QUEUES)
identity = _adapters_of("identity", IDENTITY_VERIFIERS)
clock = _adapters_of("clock", CLOCKS)
app_requests = _adapters_of("app_requests", APP_REQUESTS)
authorizations = _adapters_of("authorizations", AUTHORIZATIONS)
subscriptions = _adapters_of("subscriptions", SUBSCRIPTIONS)
rate_limiter = _adapters_of("rate_limiter", RATE_LIMITERS)
cursors = _adapters_of("cursors", PAGE_CURSORS)
other_cursors = _adapters_of("other_cursors", PAGE_CURSORS)
telemetry = _adapters_of("telemetry", TELEMETRY)


@pytest.fixture
def verifier(identity: tuple[IdentityVerifier, TokenMinter]) -> IdentityVerifier:
    return identity[0]


@pytest.fixture
def tokens(identity: tuple[IdentityVerifier, TokenMinter]) -> TokenMinter:
    return identity[1]
