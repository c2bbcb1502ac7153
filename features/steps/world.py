"""What a scenario remembers between steps: the last delivery, the last refusal, names."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import attrs

from tests.support.drivers.base import Delivery, Driver, Refused

T = TypeVar("T")


@attrs.define
class World:
    driver: Driver
    time_zones: dict[str, str] = attrs.Factory(dict)
    pet_owners: dict[str, str] = attrs.Factory(dict)
    trackers: dict[str, str] = attrs.Factory(dict)
    delivery: Delivery | None = None
    redeliver: Callable[[], Delivery] | None = None
    refusal: Refused | None = None
    photos: dict[str, bytes] = attrs.Factory(dict)
    cms_keys: dict[str, str | None] = attrs.Factory(dict)
    exports: dict[str, str] = attrs.Factory(dict)

    def attempt(self, action: Callable[[], T]) -> T | None:
        """Run an action that may be refused; remember the refusal for a later Then."""
        self.refusal = None
        try:
            return action()
        except Refused as refusal:
            self.refusal = refusal
            return None

    def owner_of(self, pet: str) -> str:
        return self.pet_owners[pet]

    def time_zone(self, owner: str) -> str:
        return self.time_zones.get(owner, "UTC")
