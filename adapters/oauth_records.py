"""What every store of the authorization server does alike: pending authorizations, codes and
tokens are JSON documents kept by kind and key until an expiry, read or taken (removed in the
same step) by the store's own primitives; each adapter writes only those and the connections."""

from __future__ import annotations

import abc
from datetime import UTC, datetime

from adapters.app_platform_codec import (
    code_doc,
    code_of,
    pending_doc,
    pending_of,
    token_doc,
    token_of,
)
from application.ports.apps import Authorizations, IssuedCode, IssuedToken, PendingAuthorization


class OAuthRecords(Authorizations):
    @abc.abstractmethod
    def _put(self, kind: str, key: str, expires: datetime, doc: str) -> None:
        """Keep (or replace) the document until `expires`."""

    @abc.abstractmethod
    def _get(self, kind: str, key: str, now: datetime) -> str | None:
        """The unexpired document, or None."""

    @abc.abstractmethod
    def _take(self, kind: str, key: str, now: datetime) -> str | None:
        """The document, removed in the same step (of concurrent takers one gets it); None when
        absent, taken already or expired."""

    def hold(self, pending: PendingAuthorization) -> None:
        self._put("pending", pending.id, pending.expires, pending_doc(pending))

    def pending(self, pending_id: str, now: datetime) -> PendingAuthorization | None:
        doc = self._get("pending", pending_id, now)
        return pending_of(doc) if doc else None

    def forget(self, pending_id: str) -> bool:
        return self._take("pending", pending_id, datetime.min.replace(tzinfo=UTC)) is not None

    def put_code(self, code: IssuedCode) -> None:
        self._put("code", code.digest, code.expires, code_doc(code))

    def take_code(self, digest: str, now: datetime) -> IssuedCode | None:
        doc = self._take("code", digest, now)
        return code_of(doc) if doc else None

    def put_token(self, token: IssuedToken) -> None:
        self._put(token.kind, token.digest, token.expires, token_doc(token))

    def token(self, digest: str, kind: str, now: datetime) -> IssuedToken | None:
        doc = self._get(kind, digest, now)
        return token_of(doc) if doc else None

    def take_token(self, digest: str, kind: str, now: datetime) -> IssuedToken | None:
        doc = self._take(kind, digest, now)
        return token_of(doc) if doc else None
