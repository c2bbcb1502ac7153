from __future__ import annotations

import abc

from domain.trackers import Tracker


class TrackerRepository(abc.ABC):
    @abc.abstractmethod
    def get(self, serial: str) -> Tracker | None:
        """The tracker's pairing, or None when it was never paired."""

    @abc.abstractmethod
    def of_pet(self, pet_id: str) -> list[Tracker]:
        """The trackers paired with the pet."""

    @abc.abstractmethod
    def save(self, tracker: Tracker) -> None:
        """Create (version 1: only if absent) or update (only if the stored version is one below).

        Raises Conflict when another writer got there first.
        """

    @abc.abstractmethod
    def remove(self, serial: str) -> None:
        """Forget the tracker's pairing: it is then unpaired, as one never paired. Unknown: nothing."""
