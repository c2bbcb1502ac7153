"""A reading as DynamoDB and Tables keep its fields: `tracker`, `time` (its instant key),
`steps` and, when it has them, `latitude`/`longitude` and `battery`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from domain.clockwork import instant_from_key
from domain.readings import Position, Reading


def stored_reading(fields: Mapping[str, Any], whole: Callable[[Any], int] = int) -> Reading:
    """The reading of the stored fields; `whole` reads a stored integer (int reads DynamoDB's
    Decimal; Tables passes its own, for an Int64 property)."""
    latitude, battery = fields.get("latitude"), fields.get("battery")
    return Reading(
        tracker=fields["tracker"],
        time=instant_from_key(fields["time"]),
        steps=whole(fields["steps"]),
        position=None
        if latitude is None
        else Position(float(latitude), float(fields["longitude"])),
        battery=None if battery is None else whole(battery),
    )
