"""What every DynamoDB adapter shares: plain items over a low-level client, keys, queries, batches.

The item types of the one table (see dynamodb_table.py); `<time>` is a reading's
`instant_key` (fixed-width UTC, so keys sort as time does). Every read on a
request path is a GetItem, a Query or a BatchGetItem of known keys; never a Scan.
ARCHITECTURE.md ("Data model on AWS") lists every item type, its keys and how it is
read: that table is the one description of the model.

Reads of the base table are strongly consistent; reads of an index are not
(DynamoDB offers no consistent read there), so a list served by an index may
lag a write by a moment. Expiring items carry `expires_at` (epoch seconds, the
TTL attribute); TTL deletes lazily, so reads leave out what has expired.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.exceptions import ClientError

from adapters.aws.dynamodb_table import INDEXES, PARTITION_KEY, SORT_KEY
from adapters.backoff import Backoff

Item = dict[str, Any]
BATCH_GET_LIMIT = 100
BATCH_WRITE_LIMIT = 25
MAX_BATCH_ROUNDS = 8
_serializer, _deserializer = TypeSerializer(), TypeDeserializer()
# Between rounds of unprocessed items and transactions cancelled by another writer.
pause = Backoff(base=0.02, cap=1.0).pause


def key(pk: str, sk: str) -> Item:
    return {PARTITION_KEY: {"S": pk}, SORT_KEY: {"S": sk}}


def to_item(values: Mapping[str, object]) -> Item:
    """The attribute values of a plain mapping; None leaves the attribute out, floats go exact."""
    return {name: _serializer.serialize(_exact(v)) for name, v in values.items() if v is not None}


def plain(item: Item) -> Item:
    """The plain values of an item; numbers come back as Decimal."""
    return {name: _deserializer.deserialize(value) for name, value in item.items()}


def _exact(value: object) -> object:
    if isinstance(value, float):
        return Decimal(repr(value))  # the decimal the float was written as; float() gives it back
    if isinstance(value, list | tuple):
        return [_exact(member) for member in value]
    if isinstance(value, Mapping):
        return {name: _exact(member) for name, member in value.items()}
    return value


def epoch_seconds(value: datetime) -> int:
    """A TTL value: never before `value`, so TTL does not delete an item early."""
    return math.ceil(value.timestamp())


def condition_failed(error: ClientError) -> bool:
    return bool(error.response["Error"]["Code"] == "ConditionalCheckFailedException")


class Items:
    """One table's items as plain dicts, over an injected low-level client."""

    def __init__(self, client: Any, table: str) -> None:
        self.client, self.table = client, table

    def get(self, pk: str, sk: str) -> Item | None:
        answer = self.client.get_item(TableName=self.table, Key=key(pk, sk), ConsistentRead=True)
        return plain(answer["Item"]) if "Item" in answer else None

    def put(self, values: Mapping[str, object], **conditions: Any) -> None:
        """PutItem; `conditions` are ConditionExpression and its companions, if any."""
        self.client.put_item(TableName=self.table, Item=to_item(values), **conditions)

    def put_new(self, values: Mapping[str, object], or_if: str = "", **expression: Any) -> bool:
        """Put the item if none has its key, or if the one there meets `or_if`; else False."""
        absent = " OR ".join(filter(None, [f"attribute_not_exists({PARTITION_KEY})", or_if]))
        try:
            self.put(values, ConditionExpression=absent, **expression)
        except ClientError as error:
            if condition_failed(error):
                return False
            raise
        return True

    def delete(self, pk: str, sk: str) -> None:
        self.client.delete_item(TableName=self.table, Key=key(pk, sk))

    def partition(
        self, value: str, prefix: str = "", index: str | None = None, **options: Any
    ) -> Iterator[Item]:
        """The items of one partition of the table (read consistently) or of an index (which may
        lag a write by a moment) whose sort key starts with `prefix`, in sort key order."""
        pk, sk = INDEXES[index] if index else (PARTITION_KEY, SORT_KEY)
        condition, values = f"{pk} = :pk", {":pk": {"S": value}}
        if prefix:
            condition += f" AND begins_with({sk}, :prefix)"
            values[":prefix"] = {"S": prefix}
        where = {"IndexName": index} if index else {"ConsistentRead": True}
        return self.query(
            KeyConditionExpression=condition, ExpressionAttributeValues=values, **where, **options
        )

    def query(self, **request: Any) -> Iterator[Item]:
        """Every item a Query matches, page after page."""
        request = {"TableName": self.table, **request}
        while True:
            page = self.client.query(**request)
            yield from (plain(item) for item in page["Items"])
            if "LastEvaluatedKey" not in page:
                return
            request["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def batch_get(self, keys: Sequence[tuple[str, str]], consistent: bool = True) -> list[Item]:
        """The items that exist among `keys`, in no particular order; read strongly consistent
        unless asked otherwise (an eventually consistent read costs half, and may lag a write
        by a moment)."""
        found: list[Item] = []
        unique = list(dict.fromkeys(keys))  # a batch may not name one item twice
        for start in range(0, len(unique), BATCH_GET_LIMIT):
            wanted = [key(pk, sk) for pk, sk in unique[start : start + BATCH_GET_LIMIT]]
            found += self._batch_get({self.table: {"Keys": wanted, "ConsistentRead": consistent}})
        return found

    def batch_delete(self, keys: Sequence[tuple[str, str]]) -> None:
        """Delete the items of `keys` (BatchWriteItem, 25 a request); a missing one is no error."""
        unique = list(dict.fromkeys(keys))  # a batch may not name one item twice
        for start in range(0, len(unique), BATCH_WRITE_LIMIT):
            deletes = [
                {"DeleteRequest": {"Key": key(pk, sk)}}
                for pk, sk in unique[start : start + BATCH_WRITE_LIMIT]
            ]
            self._batch_write({self.table: deletes})

    def _batch_write(self, request: Item) -> None:
        """Sends UnprocessedItems again, with backoff, a bounded number of times."""
        for attempt in range(MAX_BATCH_ROUNDS):
            request = self.client.batch_write_item(RequestItems=request).get("UnprocessedItems")
            if not request:
                return
            pause(attempt)
        raise RuntimeError(
            f"DynamoDB left writes to {self.table} unprocessed {MAX_BATCH_ROUNDS} times"
        )

    def _batch_get(self, request: Item) -> list[Item]:
        """Asks again for UnprocessedKeys, with backoff, a bounded number of times."""
        found: list[Item] = []
        for attempt in range(MAX_BATCH_ROUNDS):
            answer = self.client.batch_get_item(RequestItems=request)
            found += [plain(item) for item in answer["Responses"].get(self.table, [])]
            request = answer.get("UnprocessedKeys") or {}
            if not request:
                return found
            pause(attempt)
        raise RuntimeError(
            f"DynamoDB left keys of {self.table} unprocessed {MAX_BATCH_ROUNDS} times"
        )
