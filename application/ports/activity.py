from __future__ import annotations

import abc
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime

import attrs

from domain.activity import DayTotals
from domain.readings import Reading, ReadingKey, differing_field
from domain.recommendations import PetSignals
from domain.safe_zones import Whereabouts
from domain.trackers import PetDay

Battery = tuple[datetime, int]  # a battery level and the time of its reading


@attrs.frozen
class DayReadings:
    """One tracker's readings of one pet-day, as the intake records them.

    `time_zone` is the one the day is counted in. `origin` names a delivery that may come again
    whole (a bundle's id). `elsewhere` are the other pet-days where some of these readings may
    have counted before (the tracker's earlier routes, domain.trackers.Route): a reading found
    there is known, as if stored here.
    """

    tracker: str
    pet_id: str
    day: date
    time_zone: str
    readings: tuple[Reading, ...]
    origin: str | None = None
    elsewhere: tuple[PetDay, ...] = ()


@attrs.frozen
class Conflicting:
    """A delivered reading whose identity is known with other values: `field` is the first that
    differs."""

    reading: Reading
    field: str


Stored = tuple[Reading, str | None]  # a stored reading and the origin that stored it (or none)


def sort_out(
    readings: Iterable[Reading], known: Callable[[Reading], Stored | None], origin: str | None
) -> tuple[list[Reading], list[Reading], list[Conflicting]]:
    """Readings of distinct identities against what a store holds (`known`: what it holds of a
    reading's identity, None when the reading is new, which a store may take as it answers):
    the new ones, the origin's own stored again, and the conflicts. Any other was stored by
    another origin, or by none: known, and not the caller's."""
    new, again, conflicts = list[Reading](), list[Reading](), list[Conflicting]()
    for reading in readings:
        stored = known(reading)
        if stored is None:
            new.append(reading)
            continue
        field = differing_field(stored[0], reading)
        if field is not None:
            conflicts.append(Conflicting(reading, field))
        elif origin is not None and stored[1] == origin:
            again.append(reading)
    return new, again, conflicts


def known_in(stored: Mapping[ReadingKey, Stored]) -> Callable[[Reading], Stored | None]:
    """`sort_out`'s `known` for a store that read what it holds first."""
    return lambda reading: stored.get(reading.key)


@attrs.frozen
class Recorded:
    """What one call of ActivityLedger.record changed, and what it found.

    `new` are the readings this call stored and counted. `redelivered` are readings known
    already that the same origin recorded: an earlier run of this delivery (one that failed
    half-way, say) or a concurrent one. Both are the origin's own readings; any other reading
    of the call was known from elsewhere. `conflicts` are readings whose identity is known with
    other values (stored before, or earlier in the same call), never stored. `battery_before` is
    the newest battery level the tracker reported on the pet-day before this call, or, when this
    call starts the tracker's pet-day, on its latest earlier day with one (None: none known).
    """

    new: tuple[Reading, ...]
    totals: DayTotals
    redelivered: tuple[Reading, ...] = ()
    conflicts: tuple[Conflicting, ...] = ()
    battery_before: Battery | None = None


class ActivityLedger(abc.ABC):
    """Readings per pet and day, with the day's totals kept beside them."""

    @abc.abstractmethod
    def record(self, day: DayReadings) -> Recorded:
        """Store the readings whose (tracker, time) is not known yet and add them to the day's totals.

        Atomic: a reading is stored and counted together or not at all, and of concurrent calls
        with the same reading exactly one returns it as new. A reading is known when it is
        stored for this pet-day or for one of `day.elsewhere`; a store may find it elsewhere too.
        A new reading remembers `day.origin`. Returns the new readings, the known readings
        (each once) that the same origin stored, the conflicts, and the day's totals after the
        call. A reading stored without an origin, or by another, is never the caller's. Raises
        when the store fails; the readings stored before the failure stay counted.
        """

    @abc.abstractmethod
    def totals(self, pet_id: str, first: date, last: date) -> dict[date, DayTotals]:
        """The totals of the days from `first` to `last` (inclusive) that have readings."""

    @abc.abstractmethod
    def readings(self, pet_id: str, day: date) -> list[Reading]:
        """The day's readings in time order (a tie in time: by tracker)."""

    def day(self, pet_id: str, day: date) -> tuple[DayTotals, list[Reading]]:
        """The day's totals (DayTotals() without readings) and its readings, as `totals` and
        `readings` give them; one read where the store keeps them together."""
        return self.totals(pet_id, day, day).get(day, DayTotals()), self.readings(pet_id, day)

    @abc.abstractmethod
    def signals(self, pet_id: str) -> PetSignals:
        """The time of the pet's latest reading and the battery of its latest reading with one."""

    @abc.abstractmethod
    def whereabouts(self, pet_id: str) -> Whereabouts | None:
        """The position of the pet's newest reading that has one, with its time, whatever order
        the readings arrived in (None: no reading with a position). Read consistently: a
        reading stored before the call is seen. Stores that keep the newest position per
        pet-day look at the pet's newest days (DynamoDB: 7) only."""

    @abc.abstractmethod
    def days(self, pet_id: str) -> list[date]:
        """Every day the pet has readings on, in order."""

    @abc.abstractmethod
    def forget(self, pet_id: str) -> None:
        """Erase the pet's readings, their identities and its totals and signals, for good.

        A reading delivered again afterwards is new to the ledger. Idempotent: a call that
        failed midway is finished by calling again.
        """
