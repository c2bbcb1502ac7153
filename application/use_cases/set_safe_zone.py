from __future__ import annotations

import attrs

from application.pet_changes import RecountedChange
from domain.access import Caller
from domain.pets import Pet
from domain.safe_zones import SafeZone


@attrs.frozen
class SetSafeZoneCommand:
    """`zone` None removes the pet's safe zone."""

    caller: Caller
    pet_id: str
    zone: SafeZone | None
    expected_versions: frozenset[int] | None = None


class SetSafeZone:
    """The owner in person draws, moves or removes the pet's safe zone; its trackers carry it
    from then on, so the intake judges each delivery without reading the pet."""

    def __init__(self, change: RecountedChange) -> None:
        self._change = change

    def __call__(self, command: SetSafeZoneCommand) -> Pet:
        zone = command.zone
        return self._change(command, lambda pet: pet.set_safe_zone(zone))
