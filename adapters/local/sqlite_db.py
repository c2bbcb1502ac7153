"""The local database: one SQLite file in WAL mode, shared by threads and processes.

Each thread gets its own connection. Writers open their transaction with
`BEGIN IMMEDIATE`, so concurrent writers queue on the file's write lock (up to
the busy timeout) instead of failing half-way when a read lock turns into a
write lock. Instants are stored as fixed-width UTC text (`instant_key`) so that
they sort as time does; days as ISO text.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

BUSY_TIMEOUT_MS = 30_000
CHECKPOINT_ATTEMPTS = 5
Params = Sequence[object]

SCHEMA = """
CREATE TABLE IF NOT EXISTS pets (
    id TEXT PRIMARY KEY, owner_id TEXT NOT NULL, name TEXT NOT NULL, species TEXT NOT NULL,
    weights TEXT NOT NULL, step_goal INTEGER, version INTEGER NOT NULL, safe_zone TEXT);
CREATE INDEX IF NOT EXISTS pets_by_owner ON pets (owner_id, name, id);
CREATE TABLE IF NOT EXISTS trackers (
    serial TEXT PRIMARY KEY, pet_id TEXT NOT NULL, owner_id TEXT NOT NULL,
    battery_low INTEGER NOT NULL, battery_as_of TEXT, pet_name TEXT, step_goal INTEGER,
    time_zone TEXT, earlier TEXT, version INTEGER NOT NULL, safe_zone TEXT);
CREATE INDEX IF NOT EXISTS trackers_by_pet ON trackers (pet_id, serial);
CREATE TABLE IF NOT EXISTS readings (
    tracker TEXT NOT NULL, time_key TEXT NOT NULL, pet_id TEXT NOT NULL, day TEXT NOT NULL,
    steps INTEGER NOT NULL, latitude REAL, longitude REAL, battery INTEGER, origin TEXT,
    PRIMARY KEY (tracker, time_key));
CREATE INDEX IF NOT EXISTS readings_by_day ON readings (pet_id, day, time_key);
CREATE INDEX IF NOT EXISTS readings_by_time ON readings (pet_id, time_key);
CREATE TABLE IF NOT EXISTS day_totals (
    pet_id TEXT NOT NULL, day TEXT NOT NULL, steps INTEGER NOT NULL, readings INTEGER NOT NULL,
    PRIMARY KEY (pet_id, day));
CREATE TABLE IF NOT EXISTS quarantine (
    id TEXT PRIMARY KEY, tracker TEXT NOT NULL, payload TEXT NOT NULL, reason TEXT NOT NULL,
    field TEXT, received_at TEXT NOT NULL, expires_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS quarantine_by_age ON quarantine (received_at, id);
CREATE INDEX IF NOT EXISTS quarantine_by_tracker ON quarantine (tracker);
CREATE TABLE IF NOT EXISTS owners (id TEXT PRIMARY KEY, time_zone TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS phones (
    owner_id TEXT NOT NULL, name TEXT NOT NULL, platform TEXT NOT NULL,
    device_token TEXT NOT NULL, PRIMARY KEY (owner_id, name));
CREATE TABLE IF NOT EXISTS apps (id TEXT PRIMARY KEY, name TEXT NOT NULL, terms TEXT);
CREATE TABLE IF NOT EXISTS app_requests (
    id TEXT PRIMARY KEY, state TEXT NOT NULL, requested_at TEXT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS approval_workflows (
    request_id TEXT PRIMARY KEY, deadline TEXT NOT NULL, state TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS oauth_records (
    kind TEXT NOT NULL, key TEXT NOT NULL, expires_at TEXT NOT NULL, doc TEXT NOT NULL,
    PRIMARY KEY (kind, key));
CREATE TABLE IF NOT EXISTS app_connections (
    owner_id TEXT NOT NULL, app_id TEXT NOT NULL, doc TEXT NOT NULL,
    PRIMARY KEY (owner_id, app_id));
CREATE TABLE IF NOT EXISTS subscriptions (app_id TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS watches (
    owner_id TEXT NOT NULL, app_id TEXT NOT NULL, scopes TEXT NOT NULL,
    PRIMARY KEY (owner_id, app_id));
CREATE TABLE IF NOT EXISTS failed_webhooks (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rate_windows (
    key TEXT NOT NULL, window TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (key, window));
CREATE TABLE IF NOT EXISTS grants (
    owner_id TEXT NOT NULL, app_id TEXT NOT NULL, scopes TEXT NOT NULL,
    PRIMARY KEY (owner_id, app_id));
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL, tag TEXT NOT NULL, texts TEXT);
CREATE INDEX IF NOT EXISTS articles_by_tag ON articles (tag, id);
CREATE TABLE IF NOT EXISTS api_keys (
    prefix TEXT PRIMARY KEY, digest TEXT NOT NULL, purpose TEXT NOT NULL, name TEXT NOT NULL,
    revoked INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS bundles (
    id TEXT PRIMARY KEY, tracker TEXT NOT NULL, owner_id TEXT NOT NULL, status TEXT NOT NULL,
    report TEXT);
CREATE INDEX IF NOT EXISTS bundles_by_owner ON bundles (owner_id, id);
CREATE TABLE IF NOT EXISTS announcements (key TEXT PRIMARY KEY);
-- sent_at is the send order (1, 2, ...), which a laptop's clock could not promise; pushed_at
-- the wall-clock time (UTC, to the second) `pawtrack outbox` shows.
CREATE TABLE IF NOT EXISTS push_outbox (
    sent_at INTEGER PRIMARY KEY AUTOINCREMENT, owner_id TEXT NOT NULL, phone TEXT NOT NULL,
    platform TEXT NOT NULL, device_token TEXT NOT NULL, text TEXT NOT NULL, pushed_at TEXT);
CREATE INDEX IF NOT EXISTS push_outbox_by_owner ON push_outbox (owner_id, sent_at);
CREATE TABLE IF NOT EXISTS users (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, is_admin INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS users_by_name ON users (name, id);
-- Erased accounts, by the SHA-256 of the user id (domain/erasure.py): their tokens are refused.
CREATE TABLE IF NOT EXISTS erased_accounts (digest TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS delayed_jobs (
    id TEXT PRIMARY KEY, due_at TEXT, attempts INTEGER NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS delayed_jobs_by_due ON delayed_jobs (due_at);
"""
# Columns added since their table was first made: a file made before gains them on first use.
ADDED_COLUMNS = (
    ("readings", "origin", "TEXT"),
    ("apps", "terms", "TEXT"),
    ("trackers", "pet_name", "TEXT"),
    ("trackers", "step_goal", "INTEGER"),
    ("trackers", "time_zone", "TEXT"),
    ("trackers", "earlier", "TEXT"),
    ("articles", "texts", "TEXT"),
    ("trackers", "safe_zone", "TEXT"),
    ("pets", "safe_zone", "TEXT"),
    ("push_outbox", "pushed_at", "TEXT"),
)


class SqliteDatabase:
    """The file at `path`; its parent directories and schema are made on first use."""

    def __init__(self, path: str | Path) -> None:
        self._path = Path(path)
        self._local = threading.local()
        self._prepare_lock = threading.Lock()
        self._prepared = False

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: committed when the block ends, rolled back when it raises.

        A block inside another write block of the same thread joins the outer transaction.
        """
        connection = self._connection()
        if connection.in_transaction:
            yield connection
            return
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            if connection.in_transaction:  # some SQLite errors have rolled back already
                connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    def run(self, sql: str, params: Params = ()) -> int:
        """One statement in its own write transaction; the number of rows it changed."""
        with self.write() as connection:
            return connection.execute(sql, params).rowcount

    def read(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        """The rows of one query, read from one consistent snapshot."""
        return self._connection().execute(sql, params).fetchall()

    def read_one(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self._connection().execute(sql, params).fetchone()
        return row

    def checkpoint(self) -> bool:
        """Copy the write-ahead log into the file and empty it, so that no earlier version of a
        page (a deleted row's, say) stays in the log; False when readers kept it from finishing."""
        for attempt in range(CHECKPOINT_ATTEMPTS):
            busy, _, _ = self._connection().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if not busy:
                return True
            time.sleep(0.05 * 2**attempt)
        return False

    def close(self) -> None:
        """Close this thread's connection; the next call opens a new one."""
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._open()
            self._local.connection = connection
        return connection

    def _open(self) -> sqlite3.Connection:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self._path, isolation_level=None)
        connection.row_factory = sqlite3.Row
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA foreign_keys = ON")
        # Deleted rows are overwritten with zeros, not left in free space (erased accounts).
        connection.execute("PRAGMA secure_delete = ON")
        self._prepare_file(connection)
        return connection

    def _prepare_file(self, connection: sqlite3.Connection) -> None:
        """WAL mode and the schema, once per process; both stay in the file for later connections."""
        # The lock saves threads the work; BEGIN IMMEDIATE serialises other processes.
        with self._prepare_lock:
            if self._prepared:
                return
            _while_locked(lambda: connection.execute("PRAGMA journal_mode = WAL"))
            connection.executescript(f"BEGIN IMMEDIATE;\n{SCHEMA}\nCOMMIT;")
            _add_missing_columns(connection)
            self._prepared = True


def _add_missing_columns(connection: sqlite3.Connection) -> None:
    """In one write transaction, so that of two processes preparing one file only one adds them."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        for table, column, declared in ADDED_COLUMNS:
            present = {row["name"] for row in connection.execute(f"PRAGMA table_info({table})")}
            if column not in present:
                connection.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declared}")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _while_locked(attempt: Callable[[], object]) -> None:
    """Retry while another process holds the file: switching to WAL ignores the busy timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.005
    while True:
        try:
            attempt()
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.2)
