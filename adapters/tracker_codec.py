"""What a tracker keeps beside its pairing, as every store writes it (adapters of three providers
share it): what its readings count toward, and its earlier routes (domain.trackers)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from adapters.safe_zone_codec import zone_json, zone_of
from domain.clockwork import instant_from_key, instant_key
from domain.trackers import Counting, Route


def counting_fields(counting: Counting | None) -> dict[str, Any]:
    """`pet_name`, `step_goal`, `time_zone` and `safe_zone` (when the pet has one); none of
    them for a tracker that has no counting."""
    if counting is None:
        return {}
    fields: dict[str, Any] = {
        "pet_name": counting.pet_name,
        "step_goal": counting.daily_step_goal,
        "time_zone": counting.time_zone,
    }
    if counting.safe_zone is not None:
        fields["safe_zone"] = zone_json(counting.safe_zone)
    return fields


def counting_of(fields: Mapping[str, Any], whole: Callable[[Any], int] = int) -> Counting | None:
    """The counting `counting_fields` wrote (None where a tracker was stored without one)."""
    if fields.get("time_zone") is None:
        return None
    return Counting(
        fields["pet_name"],
        whole(fields["step_goal"]),
        fields["time_zone"],
        zone_of(fields.get("safe_zone")),
    )


def routes_json(routes: tuple[Route, ...]) -> str:
    return json.dumps([[r.pet_id, r.time_zone, instant_key(r.until)] for r in routes])


def routes_of(text: str | None) -> tuple[Route, ...]:
    if not text:
        return ()
    return tuple(Route(pet, zone, instant_from_key(until)) for pet, zone, until in json.loads(text))
