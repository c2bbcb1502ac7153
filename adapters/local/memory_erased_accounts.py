"""The accounts erased by their owners, in memory."""

from __future__ import annotations

from application.ports.identity import ErasedAccounts
from domain.erasure import erased_account_key


class InMemoryErasedAccounts(ErasedAccounts):
    def __init__(self) -> None:
        self._erased: set[str] = set()

    def mark(self, user_id: str) -> None:
        self._erased.add(erased_account_key(user_id))

    def finished(self, user_id: str) -> None:
        """Memory keeps no copy of what was deleted."""

    def is_erased(self, user_id: str) -> bool:
        return erased_account_key(user_id) in self._erased
