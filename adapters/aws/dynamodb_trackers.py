"""Tracker pairings in DynamoDB: created only if absent, replaced only from the version read."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from botocore.exceptions import ClientError

from adapters.aws.dynamodb_items import Item, Items, condition_failed
from adapters.tracker_codec import counting_fields, counting_of, routes_json, routes_of
from application.ports.trackers import TrackerRepository
from domain.clockwork import instant_from_key, instant_key
from domain.errors import Conflict
from domain.trackers import Tracker


class DynamoDBTrackerRepository(TrackerRepository):
    def __init__(self, client: Any, table: str) -> None:
        self._items = Items(client, table)

    def get(self, serial: str) -> Tracker | None:
        item = self._items.get(f"TRACKER#{serial}", "TRACKER")
        return _tracker(item) if item else None

    def get_many(self, serials: Collection[str]) -> dict[str, Tracker]:
        """BatchGetItem, eventually consistent: half a read unit per tracker."""
        keys = [(f"TRACKER#{serial}", "TRACKER") for serial in sorted(set(serials))]
        items = self._items.batch_get(keys, consistent=False)
        return {item["serial"]: _tracker(item) for item in items}

    def of_pet(self, pet_id: str) -> list[Tracker]:
        """From the index (ordered by serial), so a pairing may show a moment late."""
        items = self._items.partition(f"PET#{pet_id}", "TRACKER#", index="gsi1")
        return [_tracker(item) for item in items]

    def save(self, tracker: Tracker) -> None:
        if tracker.version == 1:
            created = self._items.put_new(_item(tracker))
        else:
            created = self._replace(tracker)
        if not created:
            raise Conflict(f"tracker {tracker.serial!r} changed meanwhile")

    def remove(self, serial: str) -> None:
        self._items.delete(f"TRACKER#{serial}", "TRACKER")

    def _replace(self, tracker: Tracker) -> bool:
        try:
            self._items.put(
                _item(tracker),
                ConditionExpression="version = :previous",
                ExpressionAttributeValues={":previous": {"N": str(tracker.version - 1)}},
            )
        except ClientError as error:
            if condition_failed(error):
                return False
            raise
        return True


def _item(tracker: Tracker) -> Item:
    as_of = tracker.battery_as_of
    return {
        "pk": f"TRACKER#{tracker.serial}",
        "sk": "TRACKER",
        "gsi1pk": f"PET#{tracker.pet_id}",
        "gsi1sk": f"TRACKER#{tracker.serial}",
        "serial": tracker.serial,
        "pet_id": tracker.pet_id,
        "owner_id": tracker.owner_id,
        "battery_low": tracker.battery_low,
        "battery_as_of": instant_key(as_of) if as_of else None,
        **counting_fields(tracker.counting),
        "earlier": routes_json(tracker.earlier) if tracker.earlier else None,
        "version": tracker.version,
    }


def _tracker(item: Item) -> Tracker:
    as_of = item.get("battery_as_of")
    return Tracker(
        serial=item["serial"],
        pet_id=item["pet_id"],
        owner_id=item["owner_id"],
        battery_low=item["battery_low"],
        battery_as_of=instant_from_key(as_of) if as_of else None,
        counting=counting_of(item),
        earlier=routes_of(item.get("earlier")),
        version=int(item["version"]),
    )
