"""Collar trackers: their pairing with pets, what their readings count toward, and the
low-battery watch."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING

import attrs

from domain.clockwork import local_day
from domain.errors import Conflict, InvalidInput
from domain.pets import Pet
from domain.readings import MAX_AGE, MAX_AHEAD

if TYPE_CHECKING:
    from domain.safe_zones import SafeZone

LOW_BATTERY_PERCENT = 15
_SERIAL = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")

PetDay = tuple[str, date]  # (pet id, day)


def checked_serial(value: object) -> str:
    if not isinstance(value, str) or not _SERIAL.fullmatch(value):
        raise InvalidInput("tracker", "a tracker serial is 1 to 64 letters, digits, - _ . :")
    return value


@attrs.frozen
class BatteryAlert:
    tracker: str
    percent: int
    time: datetime


@attrs.frozen
class Counting:
    """What a tracker's readings count toward, copied from its pet and the pet's owner when
    either changes, so that recording a delivery reads one record per tracker."""

    pet_name: str
    daily_step_goal: int
    time_zone: str
    safe_zone: SafeZone | None = None

    @classmethod
    def of(cls, pet: Pet, time_zone: str) -> Counting:
        return cls(pet.name, pet.daily_step_goal, time_zone, pet.safe_zone)


@attrs.frozen
class Route:
    """Where the tracker's readings counted before a re-pairing or a change of time zone, up
    to `until`: a reading delivered again later is looked for there too."""

    pet_id: str
    time_zone: str
    until: datetime


@attrs.frozen
class Tracker:
    """A tracker paired with at most one pet.

    `counting` is None for a tracker stored before trackers kept it (the intake then reads the
    pet and the owner). `battery_low` is the open low-battery episode; `battery_as_of` the time
    of the reading that last opened or closed one. `earlier` are the routes of the last 90 days.
    """

    serial: str
    pet_id: str
    owner_id: str
    battery_low: bool = False
    battery_as_of: datetime | None = None
    counting: Counting | None = None
    earlier: tuple[Route, ...] = ()
    version: int = 1

    def counting_for(self, pet: Pet, time_zone: str, now: datetime) -> Tracker:
        """The tracker counting for `pet` in `time_zone` from now on (the same one when nothing
        changes). Readings that counted elsewhere before keep a route there."""
        counting = Counting.of(pet, time_zone)
        if pet.id == self.pet_id and counting == self.counting:
            return self
        earlier = self.earlier
        moved = self.counting is not None and self.counting.time_zone != time_zone
        if pet.id != self.pet_id or moved:
            zone = self.counting.time_zone if self.counting else time_zone
            earlier = (*earlier, Route(self.pet_id, zone, now + MAX_AHEAD))
        kept = tuple(route for route in earlier if route.until >= now - MAX_AGE)
        return attrs.evolve(
            self,
            pet_id=pet.id,
            owner_id=pet.owner_id,
            counting=counting,
            earlier=kept,
            version=self.version + 1,
        )

    def elsewhere(self, time: datetime, pet_id: str, day: date) -> list[PetDay]:
        """The other pet-days where a reading of `time` may have counted before (it counts for
        `pet_id` on `day` now)."""
        found = [
            (route.pet_id, local_day(time, route.time_zone))
            for route in self.earlier
            if time <= route.until
        ]
        return [place for place in dict.fromkeys(found) if place != (pet_id, day)]

    def watch_battery(
        self, readings: Iterable[tuple[datetime, int]]
    ) -> tuple[Tracker, list[BatteryAlert]]:
        """Announce once per low-battery episode: a drop below 15% opens one, 15% or more closes
        it. Levels at or before the reading that last opened or closed an episode are watched
        already; the caller leaves out those older than the newest level known. The tracker
        changes only when an episode opens or closes."""
        low, as_of, alerts = self.battery_low, self.battery_as_of, []
        for time, percent in sorted(readings):
            if as_of is not None and time <= as_of:
                continue
            if percent < LOW_BATTERY_PERCENT and not low:
                alerts.append(BatteryAlert(self.serial, percent, time))
            if (percent < LOW_BATTERY_PERCENT) != low:
                low, as_of = percent < LOW_BATTERY_PERCENT, time
        if as_of == self.battery_as_of:
            return self, []
        changed = attrs.evolve(self, battery_low=low, battery_as_of=as_of, version=self.version + 1)
        return changed, alerts


def pair(existing: Tracker | None, serial: str, pet: Pet, time_zone: str, now: datetime) -> Tracker:
    """Pair `serial` with `pet`, counting in its owner's `time_zone` (the same tracker when it is
    paired so already). A tracker paired with another owner's pet stays where it is."""
    if existing is None:
        counting = Counting.of(pet, time_zone)
        return Tracker(serial=serial, pet_id=pet.id, owner_id=pet.owner_id, counting=counting)
    if existing.owner_id != pet.owner_id:
        raise Conflict("the tracker is already paired with another pet")
    return existing.counting_for(pet, time_zone, now)
