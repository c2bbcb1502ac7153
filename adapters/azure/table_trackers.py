"""Tracker pairings in Tables: created only if absent, replaced only under the ETag of the version read.

A pet's trackers are listed from index entities (`PET|<pet>` / `TRACKER|<serial>`).
The new pet's index entity is written before the tracker, the old pet's removed
after it; listing reads each listed tracker and keeps those still paired with
the pet, so an index entity left by a crash or a lost race is never shown, and a
pairing is never stored without its index entity.
"""

from __future__ import annotations

from collections.abc import Collection

from azure.data.tables import TableClient

from adapters.azure.table_entities import Entities, Entity, etag, key, whole
from adapters.tracker_codec import counting_fields, counting_of, routes_json, routes_of
from application.ports.trackers import TrackerRepository
from domain.clockwork import instant_from_key, instant_key
from domain.errors import Conflict
from domain.trackers import Tracker


class TableTrackerRepository(TrackerRepository):
    def __init__(self, table_client: TableClient) -> None:
        self._entities = Entities(table_client)

    def get(self, serial: str) -> Tracker | None:
        entity = self._entities.get(key("TRACKER", serial), "TRACKER")
        return _tracker(entity) if entity else None

    def get_many(self, serials: Collection[str]) -> dict[str, Tracker]:
        """A point read per tracker: Tables reads no batch of keys across partitions."""
        found = {serial: self.get(serial) for serial in sorted(set(serials))}
        return {serial: tracker for serial, tracker in found.items() if tracker is not None}

    def of_pet(self, pet_id: str) -> list[Tracker]:
        """One query of the pet's index entities, then a point read of each tracker."""
        listed = self._entities.partition(key("PET", pet_id), "TRACKER|")
        trackers = (self.get(entity["serial"]) for entity in listed)
        return [tracker for tracker in trackers if tracker is not None and tracker.pet_id == pet_id]

    def save(self, tracker: Tracker) -> None:
        stored = self._entities.get(key("TRACKER", tracker.serial), "TRACKER")
        if tracker.version == 1 and stored is None:
            self._write(tracker, None)
        elif stored is not None and whole(stored["version"]) == tracker.version - 1:
            self._write(tracker, stored)
        else:
            raise Conflict(f"tracker {tracker.serial!r} changed meanwhile")

    def remove(self, serial: str) -> None:
        """The tracker, then the pet's index entity of it (one left in between is never listed)."""
        tracker = self.get(serial)
        if tracker is not None:
            self._entities.delete(key("TRACKER", serial), "TRACKER")
            index = _index(tracker.pet_id, serial)
            self._entities.delete(index["PartitionKey"], index["RowKey"])

    def _write(self, tracker: Tracker, stored: Entity | None) -> None:
        index = _index(tracker.pet_id, tracker.serial)
        self._entities.put(index)
        entity = _entity(tracker)
        done = (
            self._entities.create(entity)
            if stored is None
            else self._entities.replace(entity, etag(stored))
        )
        if not done:
            winner = self.get(tracker.serial)
            if winner is None or winner.pet_id != tracker.pet_id:
                self._entities.delete(index["PartitionKey"], index["RowKey"])
            raise Conflict(f"tracker {tracker.serial!r} changed meanwhile")
        if stored is not None and stored["pet_id"] != tracker.pet_id:
            old = _index(stored["pet_id"], tracker.serial)
            self._entities.delete(old["PartitionKey"], old["RowKey"])


def _index(pet_id: str, serial: str) -> Entity:
    return {"PartitionKey": key("PET", pet_id), "RowKey": key("TRACKER", serial), "serial": serial}


def _entity(tracker: Tracker) -> Entity:
    entity: Entity = {
        "PartitionKey": key("TRACKER", tracker.serial),
        "RowKey": "TRACKER",
        "serial": tracker.serial,
        "pet_id": tracker.pet_id,
        "owner_id": tracker.owner_id,
        "battery_low": tracker.battery_low,
        "version": tracker.version,
        **counting_fields(tracker.counting),
    }
    if tracker.battery_as_of is not None:
        entity["battery_as_of"] = instant_key(tracker.battery_as_of)
    if tracker.earlier:
        entity["earlier"] = routes_json(tracker.earlier)
    return entity


def _tracker(entity: Entity) -> Tracker:
    as_of = entity.get("battery_as_of")
    return Tracker(
        serial=entity["serial"],
        pet_id=entity["pet_id"],
        owner_id=entity["owner_id"],
        battery_low=entity["battery_low"],
        battery_as_of=instant_from_key(as_of) if as_of else None,
        counting=counting_of(entity, whole),
        earlier=routes_of(entity.get("earlier")),
        version=whole(entity["version"]),
    )
