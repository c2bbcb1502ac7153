"""What the authorization server keeps, in memory: one lock makes each take single."""

from __future__ import annotations

import threading
from datetime import datetime

from application.ports.apps import Authorizations, IssuedCode, IssuedToken, PendingAuthorization
from domain.apps import Connection


class InMemoryAuthorizations(Authorizations):
    def __init__(self) -> None:
        self._pending: dict[str, PendingAuthorization] = {}
        self._codes: dict[str, IssuedCode] = {}
        self._tokens: dict[tuple[str, str], IssuedToken] = {}
        self._connections: dict[tuple[str, str], Connection] = {}
        self._lock = threading.Lock()

    def hold(self, pending: PendingAuthorization) -> None:
        with self._lock:
            self._pending[pending.id] = pending

    def pending(self, pending_id: str, now: datetime) -> PendingAuthorization | None:
        found = self._pending.get(pending_id)
        return found if found is not None and found.expires > now else None

    def forget(self, pending_id: str) -> bool:
        with self._lock:
            return self._pending.pop(pending_id, None) is not None

    def put_code(self, code: IssuedCode) -> None:
        with self._lock:
            self._codes[code.digest] = code

    def take_code(self, digest: str, now: datetime) -> IssuedCode | None:
        with self._lock:
            found = self._codes.pop(digest, None)
        return found if found is not None and found.expires > now else None

    def put_token(self, token: IssuedToken) -> None:
        with self._lock:
            self._tokens[(token.kind, token.digest)] = token

    def token(self, digest: str, kind: str, now: datetime) -> IssuedToken | None:
        found = self._tokens.get((kind, digest))
        return found if found is not None and found.expires > now else None

    def take_token(self, digest: str, kind: str, now: datetime) -> IssuedToken | None:
        with self._lock:
            found = self._tokens.pop((kind, digest), None)
        return found if found is not None and found.expires > now else None

    def connect(self, connection: Connection) -> None:
        with self._lock:
            self._connections[(connection.owner_id, connection.app_id)] = connection

    def connection(self, owner_id: str, app_id: str) -> Connection | None:
        return self._connections.get((owner_id, app_id))

    def disconnect(self, owner_id: str, app_id: str) -> None:
        with self._lock:
            ended = self._connections.pop((owner_id, app_id), None)
            for token in ended.tokens if ended else ():
                kind, _, digest = token.partition(":")
                self._tokens.pop((kind, digest), None)
                if kind == "code":
                    self._codes.pop(digest, None)
