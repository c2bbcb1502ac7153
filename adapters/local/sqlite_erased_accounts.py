"""The accounts erased by their owners, in SQLite."""

from __future__ import annotations

import logging

from adapters.local.sqlite_db import SqliteDatabase
from application.ports.identity import ErasedAccounts
from domain.erasure import erased_account_key

log = logging.getLogger(__name__)


class SqliteErasedAccounts(ErasedAccounts):
    def __init__(self, db: SqliteDatabase) -> None:
        self._db = db

    def mark(self, user_id: str) -> None:
        digest = erased_account_key(user_id)
        self._db.run("INSERT OR IGNORE INTO erased_accounts (digest) VALUES (?)", (digest,))

    def finished(self, user_id: str) -> None:
        """Deleted rows are zeroed in the file (secure_delete); their earlier pages may still be
        in the write-ahead log until it is checkpointed, so it is, now."""
        if not self._db.checkpoint():
            log.warning("the write-ahead log was busy: deleted rows stay in it until checkpointed")

    def is_erased(self, user_id: str) -> bool:
        digest = (erased_account_key(user_id),)
        return (
            self._db.read_one("SELECT 1 FROM erased_accounts WHERE digest = ?", digest) is not None
        )
