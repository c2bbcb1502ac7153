from __future__ import annotations

import abc

from domain.announcements import ActivityUpdated, Phone, PushMessage


class PushNotifier(abc.ABC):
    @abc.abstractmethod
    def send(self, phone: Phone, text: str) -> bool:
        """Deliver a push notification to the phone: True once the push service took it, False
        when the phone cannot be reached (its token is dead: retrying would not help). Raises
        on a failure worth retrying."""

    @abc.abstractmethod
    def forget(self, phone: Phone) -> None:
        """Delete what the push service keeps of the phone (its registration, what it was sent
        through us). Nothing kept: nothing happens."""


class PushOutbox(abc.ABC):
    """What was pushed, kept where no push service is (a laptop, the tests): the clouds'
    providers hand pushes to SNS or Notification Hubs and keep none."""

    @abc.abstractmethod
    def sent(self, owner_id: str | None = None) -> list[PushMessage]:
        """What was pushed (to the owner's phones, or to every phone), in send order."""


class LiveUpdates(abc.ABC):
    @abc.abstractmethod
    def publish(self, update: ActivityUpdated) -> None:
        """Send the update to every open live connection of its owner, in publish order; none open: nothing."""

    @abc.abstractmethod
    def close_connections(self, owner_id: str) -> None:
        """Close every open live connection of the owner and forget them; none: nothing happens."""


class AnnouncementLog(abc.ABC):
    """Remembers which announcements were made, so each is made once."""

    @abc.abstractmethod
    def claim(self, key: str) -> bool:
        """True for the first caller with this key, False for every later one (atomic)."""

    @abc.abstractmethod
    def release(self, key: str) -> None:
        """Forget a claim whose announcement could not be delivered, so a retry makes it."""
