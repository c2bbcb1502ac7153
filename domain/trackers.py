"""Collar trackers, their pairing with pets, and the low-battery watch."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

import attrs

from domain.errors import Conflict, InvalidInput
from domain.pets import Pet

LOW_BATTERY_PERCENT = 15
_SERIAL = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")


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
class Tracker:
    """A tracker paired with at most one pet; `battery_*` remember the open low-battery episode."""

    serial: str
    pet_id: str
    owner_id: str
    battery_low: bool = False
    battery_as_of: datetime | None = None
    version: int = 1

    def watch_battery(
        self, readings: Iterable[tuple[datetime, int]]
    ) -> tuple[Tracker, list[BatteryAlert]]:
        """Announce once per low-battery episode: a drop below 15% opens one, 15% or more closes it.

        Only readings newer than the last one watched count, so a redelivery changes nothing.
        """
        low, as_of, alerts = self.battery_low, self.battery_as_of, []
        for time, percent in sorted(readings):
            if as_of is not None and time <= as_of:
                continue
            if percent < LOW_BATTERY_PERCENT and not low:
                alerts.append(BatteryAlert(self.serial, percent, time))
            low, as_of = percent < LOW_BATTERY_PERCENT, time
        if as_of == self.battery_as_of:
            return self, []
        changed = attrs.evolve(self, battery_low=low, battery_as_of=as_of, version=self.version + 1)
        return changed, alerts


def pair(existing: Tracker | None, serial: str, pet: Pet) -> Tracker:
    """Pair `serial` with `pet`. A tracker paired with another owner's pet stays where it is."""
    if existing is None:
        return Tracker(serial=serial, pet_id=pet.id, owner_id=pet.owner_id)
    if existing.owner_id != pet.owner_id:
        raise Conflict("the tracker is already paired with another pet")
    return attrs.evolve(existing, pet_id=pet.id, version=existing.version + 1)
