"""The one DynamoDB table of Pawtrack (single-table design); template.yaml declares the same.

Keys are generic (`pk`, `sk`); two overloaded global secondary indexes serve the
access patterns no primary key does; `expires_at` (epoch seconds) is the TTL
attribute. ARCHITECTURE.md lists every item type and access pattern.
"""

from __future__ import annotations

from typing import Any

PARTITION_KEY, SORT_KEY = "pk", "sk"
TTL_ATTRIBUTE = "expires_at"
INDEXES = {"gsi1": ("gsi1pk", "gsi1sk"), "gsi2": ("gsi2pk", "gsi2sk")}


def table_definition(name: str) -> dict[str, Any]:
    """The CreateTable arguments of the table (on-demand capacity)."""
    names = [PARTITION_KEY, SORT_KEY, *(key for pair in INDEXES.values() for key in pair)]
    return {
        "TableName": name,
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{"AttributeName": key, "AttributeType": "S"} for key in names],
        "KeySchema": _keys(PARTITION_KEY, SORT_KEY),
        "GlobalSecondaryIndexes": [
            {"IndexName": index, "KeySchema": _keys(*keys), "Projection": {"ProjectionType": "ALL"}}
            for index, keys in INDEXES.items()
        ],
    }


def _keys(partition: str, sort: str) -> list[dict[str, str]]:
    return [
        {"AttributeName": partition, "KeyType": "HASH"},
        {"AttributeName": sort, "KeyType": "RANGE"},
    ]
