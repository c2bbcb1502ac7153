"""The activity ledger in DynamoDB: readings per pet and day, counted in the day's totals.

A reading's identity, (tracker, time), is a marker item created only if absent.
`record` puts each new reading's marker and reading item and ADDs them to the
day's totals in one transaction (49 readings and the totals make 99 of the 100
actions a transaction may hold), so a reading is stored and counted together or
not at all, and of concurrent writers exactly one creates its marker. Readings
whose markers a strongly consistent BatchGetItem finds are known already, so a
redelivery costs no transaction. A transaction cancelled because some marker
exists after all (a concurrent writer got there first) drops those readings and
tries again with the rest; one cancelled by a conflicting transaction (they all
update the same totals) tries again after a pause. The SDK gives every
transaction a ClientRequestToken, so its own retries of one are idempotent.

A marker keeps the origin of the delivery that made it (a bundle's id), read from
the same BatchGetItem, or, for a marker that a concurrent writer made first, from
the cancelled transaction's reasons (ReturnValuesOnConditionCheckFailure=ALL_OLD):
a run of that delivery again tells its own readings at no extra request.

Requests of `record` for N readings of one pet-day, none known yet: ceil(N/100)
BatchGetItem, ceil(N/49) TransactWriteItems and one GetItem of the totals.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from botocore.exceptions import ClientError

from adapters.aws.dynamodb_items import Item, Items, key, pause, plain, to_item
from adapters.reading_codec import stored_reading
from application.ports.activity import ActivityLedger, Recorded
from domain.activity import DayTotals
from domain.clockwork import instant_from_key, instant_key
from domain.readings import Reading, first_of_each
from domain.recommendations import PetSignals

READINGS_PER_TRANSACTION = 49
MAX_PAUSES = 10
RETRIABLE = {"TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded"}


class DynamoDBActivityLedger(ActivityLedger):
    def __init__(self, client: Any, table: str) -> None:
        self._items = Items(client, table)

    def record(
        self, pet_id: str, day: date, readings: Sequence[Reading], origin: str | None = None
    ) -> Recorded:
        distinct = first_of_each(readings)  # a transaction may not touch one item twice
        markers = self._markers(distinct)  # the markers known, by reading key
        unknown = [reading for reading in distinct if reading.key not in markers]
        new: list[Reading] = []
        for start in range(0, len(unknown), READINGS_PER_TRANSACTION):
            chunk = unknown[start : start + READINGS_PER_TRANSACTION]
            counted, taken = self._count(pet_id, day, chunk, origin)
            new += counted
            markers.update(taken)
        again = tuple(r for r in distinct if _made_by(markers.get(r.key), origin))
        totals = self._items.get(f"PET#{pet_id}", f"DAY#{day.isoformat()}")
        return Recorded(tuple(new), _totals(totals) if totals else DayTotals(), again)

    def totals(self, pet_id: str, first: date, last: date) -> dict[date, DayTotals]:
        items = self._items.query(
            KeyConditionExpression="pk = :pet AND sk BETWEEN :first AND :last",
            ExpressionAttributeValues={
                ":pet": {"S": f"PET#{pet_id}"},
                ":first": {"S": f"DAY#{first.isoformat()}"},
                ":last": {"S": f"DAY#{last.isoformat()}"},
            },
            ConsistentRead=True,
        )
        days = {
            date.fromisoformat(item["sk"].removeprefix("DAY#")): _totals(item) for item in items
        }
        return {day: totals for day, totals in days.items() if totals.readings > 0}

    def readings(self, pet_id: str, day: date) -> list[Reading]:
        items = self._items.partition(f"DAY#{pet_id}#{day.isoformat()}", "R#")
        return [stored_reading(item) for item in items]

    def signals(self, pet_id: str) -> PetSignals:
        """From the indexes, which may lag a write by a moment: good enough for advice."""
        latest = self._latest("gsi1", f"PETREADINGS#{pet_id}")
        if latest is None:
            return PetSignals()
        battery = self._latest("gsi2", f"PETBATTERY#{pet_id}")
        return PetSignals(
            instant_from_key(latest["time"]), int(battery["battery"]) if battery else None
        )

    def days(self, pet_id: str) -> list[date]:
        """The days of the totals items in the pet's partition: one consistent Query."""
        return [_day(item) for item in self._day_totals(pet_id) if item["readings"] > 0]

    def forget(self, pet_id: str) -> None:
        """Day by day: the readings and their markers (BatchWriteItem), then the day's totals,
        so that a forget that failed midway still finds the day and its readings next time."""
        for totals in self._day_totals(pet_id):
            readings = list(self._items.partition(f"DAY#{pet_id}#{_day(totals).isoformat()}"))
            markers = [(f"READING#{r['tracker']}#{r['time']}", "READING") for r in readings]
            self._items.batch_delete([*((r["pk"], r["sk"]) for r in readings), *markers])
            self._items.delete(totals["pk"], totals["sk"])

    def _day_totals(self, pet_id: str) -> list[Item]:
        return list(self._items.partition(f"PET#{pet_id}", "DAY#"))

    def _latest(self, index: str, partition: str) -> Item | None:
        items = self._items.partition(partition, index=index, ScanIndexForward=False, Limit=1)
        return next(items, None)

    def _markers(self, readings: list[Reading]) -> dict[tuple[str, str], Item]:
        """The markers that exist among the readings', by reading key."""
        by_pk = {_marker(reading)[0]: reading.key for reading in readings}
        found = self._items.batch_get([_marker(reading) for reading in readings])
        return {by_pk[item["pk"]]: item for item in found}

    def _count(
        self, pet_id: str, day: date, readings: list[Reading], origin: str | None
    ) -> tuple[list[Reading], dict[tuple[str, str], Item]]:
        """The readings stored and counted, and the markers other writers made for the rest."""
        pending, pauses, taken = readings, 0, dict[tuple[str, str], Item]()
        while pending:
            try:
                writes = _transaction(self._items.table, pet_id, day, pending, origin)
                self._items.client.transact_write_items(TransactItems=writes)
                return pending, taken
            except ClientError as error:
                found = _taken(error)
                taken.update((pending[n].key, marker) for n, marker in found.items())
                pending = [reading for n, reading in enumerate(pending) if n not in found]
                if not found:
                    pauses += 1
                    if pauses > MAX_PAUSES:
                        raise
                    pause(pauses)
        return [], taken


def _taken(error: ClientError) -> dict[int, Item]:
    """Which readings of a cancelled transaction had a marker already, with the marker; none
    when the transaction met another one, or was throttled, and may be tried again; otherwise
    raises."""
    reasons = error.response.get("CancellationReasons")
    if error.response["Error"]["Code"] != "TransactionCanceledException" or not reasons:
        raise error
    codes = [str(reason.get("Code", "None")) for reason in reasons]
    # Action 0 updates the totals; then each reading has its marker and its item.
    taken = {
        n // 2: plain(dict(reason.get("Item", {})))
        for n, reason in enumerate(reasons[1:])
        if reason.get("Code") == "ConditionalCheckFailed"
    }
    if taken or (set(codes) & RETRIABLE and set(codes) <= RETRIABLE | {"None"}):
        return taken
    raise error


def _made_by(marker: Item | None, origin: str | None) -> bool:
    """Whether the marker was made by a delivery from `origin` (never when there is none)."""
    return origin is not None and marker is not None and marker.get("origin") == origin


def _marker(reading: Reading) -> tuple[str, str]:
    tracker, time = reading.key
    return f"READING#{tracker}#{time}", "READING"


def _transaction(
    table: str, pet_id: str, day: date, readings: list[Reading], origin: str | None
) -> list[Item]:
    actions: list[Item] = [
        {
            "Update": {
                "TableName": table,
                "Key": key(f"PET#{pet_id}", f"DAY#{day.isoformat()}"),
                "UpdateExpression": "ADD steps :steps, readings :count",
                "ExpressionAttributeValues": {
                    ":steps": {"N": str(sum(reading.steps for reading in readings))},
                    ":count": {"N": str(len(readings))},
                },
            }
        }
    ]
    for reading in readings:
        pk, sk = _marker(reading)
        marker = to_item(
            {"pk": pk, "sk": sk, "pet_id": pet_id, "day": day.isoformat(), "origin": origin}
        )
        new = {
            "TableName": table,
            "Item": marker,
            "ConditionExpression": "attribute_not_exists(pk)",
            # A lost race tells whose marker won, at no extra request.
            "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
        }
        actions += [
            {"Put": new},
            {"Put": {"TableName": table, "Item": _item(pet_id, day, reading)}},
        ]
    return actions


def _item(pet_id: str, day: date, reading: Reading) -> Item:
    time = instant_key(reading.time)
    battery = reading.battery is not None
    position = reading.position
    return to_item(
        {
            "pk": f"DAY#{pet_id}#{day.isoformat()}",
            "sk": f"R#{time}#{reading.tracker}",
            "gsi1pk": f"PETREADINGS#{pet_id}",
            "gsi1sk": f"{time}#{reading.tracker}",
            "gsi2pk": f"PETBATTERY#{pet_id}" if battery else None,
            "gsi2sk": f"{time}#{reading.tracker}" if battery else None,
            "tracker": reading.tracker,
            "time": time,
            "steps": reading.steps,
            "latitude": position.latitude if position else None,
            "longitude": position.longitude if position else None,
            "battery": reading.battery,
        }
    )


def _day(totals: Item) -> date:
    return date.fromisoformat(totals["sk"].removeprefix("DAY#"))


def _totals(item: Item) -> DayTotals:
    return DayTotals(steps=int(item["steps"]), readings=int(item["readings"]))
