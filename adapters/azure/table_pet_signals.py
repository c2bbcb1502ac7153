"""The pet's signals in Tables: its latest reading and battery (`PET|<pet>` / `SIGNALS`).

Recommendations read them with one point read, where a query across the pet's days
would be needed otherwise. They are only ever moved forward, from a day's totals
(table_reading_entities.DaySummary) after every recording, so one advance lost to a
crash is made up by the next recording of that day (a redelivery included).
"""

from __future__ import annotations

import attrs

from adapters.azure.table_entities import Entities, etag, key, pause
from adapters.azure.table_reading_entities import DaySummary
from domain.clockwork import instant_from_key
from domain.recommendations import PetSignals

SIGNALS = "SIGNALS"
MAX_ATTEMPTS = 60


class TablePetSignals:
    def __init__(self, entities: Entities) -> None:
        self._entities = entities

    def get(self, pet_id: str) -> PetSignals:
        summary = DaySummary.of(self._entities.get(key("PET", pet_id), SIGNALS))
        if not summary.latest:
            return PetSignals()
        return PetSignals(instant_from_key(summary.latest), summary.battery)

    def advance(self, pet_id: str, day: DaySummary) -> None:
        """Move the signals forward to the day's latest reading and battery, if they are later."""
        pk = key("PET", pet_id)
        for attempt in range(MAX_ATTEMPTS):
            stored = self._entities.get(pk, SIGNALS)
            current = DaySummary.of(stored)
            moved = attrs.evolve(current, latest=max(current.latest, day.latest))
            moved = moved.with_battery(day.battery_at, day.battery)
            if moved == current:
                return
            entity = moved.entity(pk, SIGNALS)
            if stored is None and self._entities.create(entity):
                return
            if stored is not None and self._entities.replace(entity, etag(stored)):
                return
            pause(attempt)

    def forget(self, pet_id: str) -> None:
        self._entities.delete(key("PET", pet_id), SIGNALS)
