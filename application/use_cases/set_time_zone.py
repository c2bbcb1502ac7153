from __future__ import annotations

import attrs

from application.authorization import require_owner_in_person
from application.ports.owners import OwnerRepository
from domain.access import Caller
from domain.clockwork import checked_time_zone
from domain.owners import Owner


@attrs.frozen
class SetTimeZoneCommand:
    caller: Caller
    time_zone: str


class SetTimeZone:
    """Days count in this zone from now on; readings already counted stay on their day."""

    def __init__(self, owners: OwnerRepository) -> None:
        self._owners = owners

    def __call__(self, command: SetTimeZoneCommand) -> Owner:
        require_owner_in_person(command.caller)
        owner = attrs.evolve(
            self._owners.get(command.caller.user_id),
            time_zone=checked_time_zone(command.time_zone),
        )
        self._owners.save(owner)
        return owner
