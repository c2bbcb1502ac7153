from __future__ import annotations

import abc
from collections.abc import Collection

from domain.trackers import Tracker


class TrackerRepository(abc.ABC):
    @abc.abstractmethod
    def get(self, serial: str) -> Tracker | None:
        """The tracker's pairing, or None when it was never paired."""

    @abc.abstractmethod
    def get_many(self, serials: Collection[str]) -> dict[str, Tracker]:
        """The pairings of those trackers that are paired, by serial, read as cheaply as the
        store allows: a pairing changed a moment ago (under a second) may show as before."""

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
