"""A bundle's delivery report as the stores keep it: a map (DynamoDB) or its JSON (SQLite, Tables).

One stored form for every provider, so that a report reads back the same wherever it was
kept. It is a storage form, not the API's: the HTTP view names a rejection's place `line`
or `position` (entrypoints/http/bundles.py), the stores always `position`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from domain.readings import DeliveryReport, Rejection

COUNTS = ("accepted", "duplicates", "quarantined")


def encode_report(report: DeliveryReport) -> dict[str, Any]:
    return {
        "accepted": report.accepted,
        "duplicates": report.duplicates,
        "quarantined": report.quarantined,
        "rejected": [
            {"position": r.position, "field": r.field, "reason": r.reason} for r in report.rejected
        ],
    } | ({"conflicting": report.conflicting} if report.conflicting else {})


def decode_report(data: Mapping[str, Any]) -> DeliveryReport:
    """The report `encode_report` made; numbers may come back as Decimal (DynamoDB)."""
    rejected = tuple(
        Rejection(int(r["position"]), r["field"], r["reason"]) for r in data["rejected"]
    )
    accepted, duplicates, quarantined = (int(data[name]) for name in COUNTS)
    conflicting = int(data.get("conflicting", 0))  # absent from reports kept before it counted
    return DeliveryReport(accepted, duplicates, quarantined, rejected, conflicting)


def report_json(report: DeliveryReport) -> str:
    return json.dumps(encode_report(report))


def report_from_json(text: str) -> DeliveryReport:
    return decode_report(json.loads(text))
