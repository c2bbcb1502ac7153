from __future__ import annotations

from application.ports.notifications import LiveUpdates
from domain.announcements import ActivityUpdated


class InMemoryLiveUpdates(LiveUpdates):
    """Keeps every update published, in order, and whose connections were closed (in order);
    a test filters them by owner."""

    def __init__(self) -> None:
        self.published: list[ActivityUpdated] = []
        self.closed: list[str] = []

    def publish(self, update: ActivityUpdated) -> None:
        self.published.append(update)

    def close_connections(self, owner_id: str) -> None:
        self.closed.append(owner_id)
