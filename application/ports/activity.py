from __future__ import annotations

import abc
from collections.abc import Sequence
from datetime import date

import attrs

from domain.activity import DayTotals
from domain.readings import Reading
from domain.recommendations import PetSignals


@attrs.frozen
class Recorded:
    """What one call of ActivityLedger.record changed, and which known readings were the caller's.

    `new` are the readings this call stored and counted. `redelivered` are readings known
    already that the same origin recorded: an earlier run of this delivery (one that failed
    half-way, say) or a concurrent one. Both are the origin's own readings; any other reading
    of the call was known from elsewhere.
    """

    new: tuple[Reading, ...]
    totals: DayTotals
    redelivered: tuple[Reading, ...] = ()


class ActivityLedger(abc.ABC):
    """Readings per pet and day, with the day's totals kept beside them."""

    @abc.abstractmethod
    def record(
        self, pet_id: str, day: date, readings: Sequence[Reading], origin: str | None = None
    ) -> Recorded:
        """Store the readings whose (tracker, time) is not known yet and add them to the day's totals.

        Atomic: a reading is stored and counted together or not at all, and of
        concurrent calls with the same reading exactly one returns it as new.
        `origin` names a delivery that may come again whole (a bundle's id); a new
        reading remembers it. Returns the new readings, the known readings (each
        once) that the same origin stored, and the day's totals after the call. A
        reading stored without an origin, or by another, is never the caller's.
        """

    @abc.abstractmethod
    def totals(self, pet_id: str, first: date, last: date) -> dict[date, DayTotals]:
        """The totals of the days from `first` to `last` (inclusive) that have readings."""

    @abc.abstractmethod
    def readings(self, pet_id: str, day: date) -> list[Reading]:
        """The day's readings in time order."""

    @abc.abstractmethod
    def signals(self, pet_id: str) -> PetSignals:
        """The time of the pet's latest reading and the battery of its latest reading with one."""

    @abc.abstractmethod
    def days(self, pet_id: str) -> list[date]:
        """Every day the pet has readings on, in order."""

    @abc.abstractmethod
    def forget(self, pet_id: str) -> None:
        """Erase the pet's readings, their identities and its totals and signals, for good.

        A reading delivered again afterwards is new to the ledger. Idempotent: a call that
        failed midway is finished by calling again.
        """
