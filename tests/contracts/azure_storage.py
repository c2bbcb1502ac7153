"""The "azure" factories of the storage ports: Table adapters on the session's Azurite.

Each test gets a fresh table on the one Azurite of the session; all adapters share
one TableServiceClient, as the functions of one app would (its clients are
thread-safe).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from azure.data.tables import TableClient, TableServiceClient

from adapters.azure import (
    table_activity_ledger,
    table_announcement_log,
    table_api_keys,
    table_app_requests,
    table_articles,
    table_authorizations,
    table_bundles,
    table_erased_accounts,
    table_grants,
    table_owners,
    table_pets,
    table_phone_registry,
    table_quarantine_store,
    table_rate_limiter,
    table_subscriptions,
    table_trackers,
)
from tests.support.azure import azurite, unique_name


@functools.cache
def _service() -> TableServiceClient:
    return TableServiceClient.from_connection_string(azurite().connection_string)


def fresh_table() -> TableClient:
    return _service().create_table(unique_name("t"))


def _on_fresh_table(adapter: Callable[[TableClient], Any]) -> Callable[[object], Any]:
    def factory(workspace: object) -> Any:
        return adapter(fresh_table())

    return factory


PETS = _on_fresh_table(table_pets.TablePetRepository)
TRACKERS = _on_fresh_table(table_trackers.TableTrackerRepository)
LEDGERS = _on_fresh_table(table_activity_ledger.TableActivityLedger)
QUARANTINES = _on_fresh_table(table_quarantine_store.TableQuarantineStore)
OWNERS = _on_fresh_table(table_owners.TableOwnerRepository)
PHONES = _on_fresh_table(table_phone_registry.TablePhoneRegistry)
BUNDLES = _on_fresh_table(table_bundles.TableBundleRepository)
GRANTS = _on_fresh_table(table_grants.TableGrantRepository)
API_KEYS = _on_fresh_table(table_api_keys.TableApiKeyRepository)
ARTICLES = _on_fresh_table(table_articles.TableArticleRepository)
ANNOUNCEMENT_LOGS = _on_fresh_table(table_announcement_log.TableAnnouncementLog)
ERASED = _on_fresh_table(table_erased_accounts.TableErasedAccounts)
APP_REQUESTS = _on_fresh_table(table_app_requests.TableAppRequests)
AUTHORIZATIONS = _on_fresh_table(table_authorizations.TableAuthorizations)
SUBSCRIPTIONS = _on_fresh_table(table_subscriptions.TableSubscriptions)
RATE_LIMITERS = _on_fresh_table(table_rate_limiter.TableRateLimiter)
