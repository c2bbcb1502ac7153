"""Erased accounts in DynamoDB: one item per account, keyed by the SHA-256 of its id.

Read on every authenticated request: one strongly consistent GetItem (1 read request
unit on demand), so a token stops working the moment its account is erased.
"""

from __future__ import annotations

from typing import Any

from adapters.aws.dynamodb_items import Items
from application.ports.identity import ErasedAccounts
from domain.erasure import erased_account_key


class DynamoDBErasedAccounts(ErasedAccounts):
    def __init__(self, client: Any, table: str) -> None:
        self._items = Items(client, table)

    def mark(self, user_id: str) -> None:
        self._items.put({"pk": _pk(user_id), "sk": "ERASED"})

    def finished(self, user_id: str) -> None:
        """DynamoDB keeps no copy the application reaches (backups are the account's)."""

    def is_erased(self, user_id: str) -> bool:
        return self._items.get(_pk(user_id), "ERASED") is not None


def _pk(user_id: str) -> str:
    return f"ERASED#{erased_account_key(user_id)}"
