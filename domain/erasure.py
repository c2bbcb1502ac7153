"""Erasing an owner's account: what stays to refuse their tokens, and what their pets left behind
in the announcement log."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date

from domain.announcements import FIRST_POSITION, battery_key, goal_key, zone_exit_key, zone_key
from domain.clockwork import format_instant
from domain.readings import Reading
from domain.safe_zones import SafeZone
from domain.trackers import LOW_BATTERY_PERCENT


def erased_account_key(user_id: str) -> str:
    """What is kept of an erased account: the SHA-256 of its id. Enough to refuse a token that
    names the id; a reader of the store learns nobody's id from it."""
    return hashlib.sha256(user_id.encode()).hexdigest()


def announcement_keys(
    pet_id: str, day: date, readings: Iterable[Reading], zone: SafeZone | None = None
) -> list[str]:
    """Every claim the pet's day may have left in the announcement log: its goal, a low-battery
    episode beginning at any of its readings below the threshold, and an excursion beginning at
    any of its positions outside the pet's safe zone or leaving from any inside it (claims of a zone since moved are left to
    expire: the log keeps a claim 120 days)."""
    readings = list(readings)
    low = {
        battery_key(r.tracker, format_instant(r.time))
        for r in readings
        if r.battery is not None and r.battery < LOW_BATTERY_PERCENT
    }
    away = {
        zone_key(pet_id, format_instant(r.time))
        for r in readings
        if zone is not None and r.position is not None and not zone.holds(r.position)
    }
    exits = {
        zone_exit_key(pet_id, format_instant(r.time))
        for r in readings
        if zone is not None and r.position is not None and zone.holds(r.position)
    }
    if zone is not None:
        exits.add(zone_exit_key(pet_id, FIRST_POSITION))
    return [goal_key(pet_id, day), *sorted(low), *sorted(away), *sorted(exits)]
