"""Owners' settings that the rules need: the time zone their days follow."""

from __future__ import annotations

import attrs

from domain.clockwork import DEFAULT_TIME_ZONE


@attrs.frozen
class Owner:
    id: str
    time_zone: str = DEFAULT_TIME_ZONE
