"""Erased accounts in Tables: one entity per account, keyed by the SHA-256 of its id.

Read on every authenticated request: one point read (one storage transaction), so a
token stops working the moment its account is erased.
"""

from __future__ import annotations

from azure.data.tables import TableClient

from adapters.azure.table_entities import Entities, key
from application.ports.identity import ErasedAccounts
from domain.erasure import erased_account_key


class TableErasedAccounts(ErasedAccounts):
    def __init__(self, table_client: TableClient) -> None:
        self._entities = Entities(table_client)

    def mark(self, user_id: str) -> None:
        self._entities.put({"PartitionKey": _pk(user_id), "RowKey": "ERASED"})

    def finished(self, user_id: str) -> None:
        """Tables keeps no copy the application reaches (backups are the account's)."""

    def is_erased(self, user_id: str) -> bool:
        return self._entities.get(_pk(user_id), "ERASED") is not None


def _pk(user_id: str) -> str:
    return key("ERASED", erased_account_key(user_id))
