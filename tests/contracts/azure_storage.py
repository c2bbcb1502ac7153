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
    table_access,
    table_activity,
    table_announcements,
    table_content,
    table_erased,
    table_pets,
    table_quarantine,
    table_records,
    table_trackers,
)
from tests.support.azure import azurite, unique_name


@functools.cache
def _service() -> TableServiceClient:
    return TableServiceClient.from_connection_string(azurite().connection_string)


def _on_fresh_table(adapter: Callable[[TableClient], Any]) -> Callable[[object], Any]:
    def factory(workspace: object) -> Any:
        return adapter(_service().create_table(unique_name("t")))

    return factory


PETS = _on_fresh_table(table_pets.TablePetRepository)
TRACKERS = _on_fresh_table(table_trackers.TableTrackerRepository)
LEDGERS = _on_fresh_table(table_activity.TableActivityLedger)
QUARANTINES = _on_fresh_table(table_quarantine.TableQuarantineStore)
OWNERS = _on_fresh_table(table_records.TableOwnerRepository)
PHONES = _on_fresh_table(table_records.TablePhoneRegistry)
BUNDLES = _on_fresh_table(table_records.TableBundleRepository)
GRANTS = _on_fresh_table(table_access.TableGrantRepository)
API_KEYS = _on_fresh_table(table_access.TableApiKeyRepository)
ARTICLES = _on_fresh_table(table_content.TableArticleRepository)
ANNOUNCEMENT_LOGS = _on_fresh_table(table_announcements.TableAnnouncementLog)
ERASED = _on_fresh_table(table_erased.TableErasedAccounts)
