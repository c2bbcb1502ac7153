"""DynamoDB's capacity units, counted from the sizes of the items each request reads and
writes, by DynamoDB's published rules (the Developer Guide's "Read/write capacity mode" and
"Item sizes and formats"):

- an item's size: each attribute's name (UTF-8 bytes) and value: a string its UTF-8 bytes, a
  binary its bytes, a number 1 byte per two significant digits and 1, a boolean or null 1 byte,
  a list or map 3 bytes and each element's size and 1 byte (a map's elements with their names);
- reads: 4 KB per read unit, rounded up per item for GetItem and each item of BatchGetItem,
  over the page's items together for Query and Scan (the items read, not those a filter or a
  projection returns), half for an eventually consistent read; a read finding nothing costs as
  a read of a small item;
- writes: 1 KB per write unit, rounded up per item, of the larger of the item before and after
  (a delete: the item before); a write whose condition failed costs the item's size all the
  same; a transaction costs each of its writes twice, its condition checks too;
- each global secondary index the item is in (before or after) takes a write of the index
  entry (the item, projected whole, and 100 bytes), two when the item's index keys change.

moto computes none of this: the meter asks moto's own tables (in this process) for the items a
request touches, under the lock that applies one request at a time, before and after it runs.
"""

from __future__ import annotations

import base64
import math
from collections import Counter
from decimal import Decimal
from typing import Any

from adapters.aws.dynamodb_table import INDEXES, PARTITION_KEY, SORT_KEY

READ_UNIT, WRITE_UNIT, INDEX_OVERHEAD = 4096, 1024, 100
ACCOUNT, REGION = "123456789012", "us-east-1"
Item = dict[str, Any]


def value_size(value: dict[str, Any]) -> int:
    ((kind, raw),) = value.items()
    if kind == "S":
        return len(raw.encode())
    if kind == "B":
        return len(base64.b64decode(raw)) if isinstance(raw, str) else len(raw)
    if kind == "N":
        return _number_size(raw)
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "L":
        return 3 + sum(value_size(member) + 1 for member in raw)
    if kind == "M":
        return 3 + sum(len(name.encode()) + value_size(member) + 1 for name, member in raw.items())
    if kind in ("SS", "NS", "BS"):
        return sum(value_size({kind[0]: member}) for member in raw)
    raise ValueError(f"an attribute value of unknown type {kind}")


def _number_size(text: str) -> int:
    digits = str(abs(Decimal(text)).normalize()).replace(".", "").lstrip("0").rstrip("0") or "0"
    digits = digits.split("E")[0]
    return math.ceil(len(digits) / 2) + 1


def item_size(item: Item | None) -> int:
    if not item:
        return 0
    return sum(len(name.encode()) + value_size(value) for name, value in item.items())


class Meter:
    """Read and write units of the requests it was shown, by operation."""

    def __init__(self) -> None:
        self.read_units: Counter[str] = Counter()
        self.write_units: Counter[str] = Counter()

    def snapshot(self) -> tuple[Counter[str], Counter[str]]:
        return Counter(self.read_units), Counter(self.write_units)

    def read(self, operation: str, sizes: list[int], consistent: bool, per_item: bool) -> None:
        factor = 1.0 if consistent else 0.5
        if per_item:
            units = sum(max(1, math.ceil(size / READ_UNIT)) for size in sizes) or 1
        else:
            units = max(1, math.ceil(sum(sizes) / READ_UNIT))
        self.read_units[operation] += units * factor

    def write(
        self, operation: str, before: Item | None, after: Item | None, factor: int = 1
    ) -> None:
        units = max(1, math.ceil(max(item_size(before), item_size(after)) / WRITE_UNIT))
        units += _index_writes(before, after)
        self.write_units[operation] += units * factor


def _index_writes(before: Item | None, after: Item | None) -> int:
    units = 0
    for keys in INDEXES.values():
        old, new = _index_key(before, keys), _index_key(after, keys)
        for item, present in ((before, old), (after, new)):
            if present is not None and (old != new or item is after):
                units += math.ceil((item_size(item) + INDEX_OVERHEAD) / WRITE_UNIT)
    return units


def _index_key(item: Item | None, keys: tuple[str, str]) -> tuple[Any, ...] | None:
    if not item or keys[0] not in item or keys[1] not in item:
        return None
    return (str(item[keys[0]]), str(item[keys[1]]))


def table_item(table: str, key: Item) -> Item | None:
    """The item moto's table holds under `key`, as DynamoDB's JSON, or None."""
    from moto.dynamodb.models import dynamodb_backends

    backend = dynamodb_backends[ACCOUNT][REGION]
    wanted = {PARTITION_KEY: key[PARTITION_KEY], SORT_KEY: key[SORT_KEY]}
    found = backend.get_item(table, wanted)
    if found is None:
        return None
    attributes: Item = found.to_json()["Attributes"]
    return attributes
