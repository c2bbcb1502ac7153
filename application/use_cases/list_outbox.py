from __future__ import annotations

import attrs

from application.ports.notifications import PushOutbox
from domain.announcements import PushMessage


@attrs.frozen
class ListOutboxQuery:
    owner_id: str | None = None  # None: every owner's


class ListOutbox:
    """The push notifications kept where no push service is (the operator's view locally)."""

    def __init__(self, outbox: PushOutbox) -> None:
        self._outbox = outbox

    def __call__(self, query: ListOutboxQuery) -> list[PushMessage]:
        return self._outbox.sent(query.owner_id)
