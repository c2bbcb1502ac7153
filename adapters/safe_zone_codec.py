"""A pet's safe zone as every store writes it (on the pet, and on its trackers' counting): a
JSON text `[latitude, longitude, radius_m]`, absent when the pet has none."""

from __future__ import annotations

import json

from domain.readings import Position
from domain.safe_zones import SafeZone


def zone_json(zone: SafeZone | None) -> str | None:
    if zone is None:
        return None
    return json.dumps([zone.centre.latitude, zone.centre.longitude, zone.radius_m])


def zone_of(text: str | None) -> SafeZone | None:
    if not text:
        return None
    latitude, longitude, radius_m = json.loads(text)
    return SafeZone(Position(float(latitude), float(longitude)), float(radius_m))
