"""Readings kept aside: from a tracker nobody paired, or refused by a rule. Kept 14 days."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta

import attrs

KEPT_FOR = timedelta(days=14)


@attrs.frozen
class QuarantinedReading:
    """`payload` is the reading as it came (JSON text); the id makes keeping it again a no-op."""

    id: str
    tracker: str
    payload: str
    reason: str
    field: str | None
    received_at: datetime
    expires_at: datetime

    @classmethod
    def keep(
        cls, tracker: str, raw: object, reason: str, field: str | None, now: datetime
    ) -> QuarantinedReading:
        payload = json.dumps(raw, sort_keys=True, default=str, ensure_ascii=True)
        digest = hashlib.sha256(f"{tracker}\n{payload}".encode()).hexdigest()[:32]
        return cls(digest, tracker, payload, reason, field, now, now + KEPT_FOR)
