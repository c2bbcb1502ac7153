"""The estimate as text (a table per cloud and for the server, the comparison, then the
assumptions) or as JSON."""

from __future__ import annotations

import json
from typing import Any

from costing.estimate import Bill, Estimate
from costing.prices import Line

COLUMNS = ("service", "quantity", "unit", "unit price", "monthly")
RIGHT = {"quantity", "unit price", "monthly"}  # numbers line up on their last digit
PER = {1: "", 1_000: "/1K", 10_000: "/10K", 1_000_000: "/1M"}
TITLES = {"aws": "AWS", "azure": "AZURE", "server": "ONE SERVER (AWS EC2 + RDS)"}


def as_text(estimate: Estimate) -> str:
    parts = [_bill_text(bill, estimate.measured_by) for bill in estimate.bills]
    parts.append(_comparison(estimate.bills))
    parts.append("Assumptions:\n" + "\n".join(f"- {note}" for note in estimate.assumptions))
    return "\n\n".join(parts)


def _bill_text(bill: Bill, measured_by: str | None) -> str:
    cells = [_cells(line) for line in bill.lines]
    total = [f"total {TITLES[bill.cloud]}", "", "", "", _usd(bill.total)]
    widths = [max(map(len, column)) for column in zip(COLUMNS, *cells, total, strict=True)]
    header = _aligned(COLUMNS, widths)
    rule = "-" * len(header)
    rows = [f"{TITLES[bill.cloud]}, {bill.region}", header, rule]
    rows += [_aligned(row, widths) for row in cells] + [rule, _aligned(total, widths)]
    if bill.sources:
        rows.append(f"requests per use case from {_sources(bill.sources, measured_by)}")
    return "\n".join(rows)


def _comparison(bills: list[Bill]) -> str:
    lines = [
        f"  {TITLES[b.cloud]:<28}{_usd(b.total):>12} a month  {_usd(b.per_tracker, 3):>9} per tracker"
        for b in bills
    ]
    return "Per tracker and month:\n" + "\n".join(lines)


def _sources(sources: dict[str, str], measured_by: str | None) -> str:
    def named(source: str) -> str:
        return (
            f"{source} ({measured_by})" if source.startswith("bench/") and measured_by else source
        )

    if len(set(sources.values())) == 1:
        return f"{named(next(iter(sources.values())))} (all use cases)"
    return ", ".join(f"{case}: {named(source)}" for case, source in sources.items())


def _aligned(cells: tuple[str, ...] | list[str], widths: list[int]) -> str:
    """Columns as wide as their widest cell, two spaces apart: aligned at any size."""
    parts = [
        cell.rjust(width) if name in RIGHT else cell.ljust(width)
        for name, cell, width in zip(COLUMNS, cells, widths, strict=True)
    ]
    return "  ".join(parts).rstrip()


def _cells(line: Line) -> list[str]:
    amount = f"{line.unit_price:.10f}".rstrip("0").rstrip(".")
    unit_price = f"${amount}{PER.get(int(line.per), f'/{line.per:g}')}"
    quantity = f"{line.quantity:,.2f}" if line.quantity < 100 else f"{line.quantity:,.0f}"
    return [SERVICES.get(line.meter, line.meter), quantity, line.unit, unit_price, _usd(line.cost)]


def _usd(amount: float, places: int = 2) -> str:
    return f"${amount:,.{places}f}"


def as_json(estimate: Estimate) -> str:
    document: dict[str, Any] = {
        "currency": "USD",
        "clouds": {bill.cloud: _bill_json(bill) for bill in estimate.bills if bill.sources},
        "server": next((_bill_json(b) for b in estimate.bills if not b.sources), None),
        "measured_by": estimate.measured_by,
        "assumptions": estimate.assumptions,
    }
    return json.dumps(document, indent=2)


def _bill_json(bill: Bill) -> dict[str, Any]:
    lines = [
        {"service": line.meter, "quantity": line.quantity, "unit": line.unit, "per": line.per}
        | {"unit_price": line.unit_price, "monthly_cost": line.cost}
        for line in bill.lines
    ]
    return {
        "region": bill.region,
        "requests_from": bill.sources,
        "lines": lines,
        "total": bill.total,
        "per_tracker": bill.per_tracker,
    }


# What each meter of pricing.json is called on the bill (the JSON output keeps the meter ids).
SERVICES = {
    "lambda_requests": "Lambda requests",
    "lambda_gb_seconds": "Lambda compute",
    "http_api_requests": "API Gateway HTTP API",
    "websocket_messages": "API Gateway WebSocket messages",
    "websocket_connection_minutes": "API Gateway WebSocket connections",
    "iot_connection_minutes": "IoT Core connectivity",
    "iot_rules": "IoT Core rules",
    "iot_actions": "IoT Core rule actions",
    "dynamodb_wru": "DynamoDB writes",
    "dynamodb_rru": "DynamoDB reads",
    "dynamodb_storage_gb": "DynamoDB storage",
    "sqs_requests": "SQS requests",
    "eventbridge_events": "EventBridge events",
    "sns_publishes": "SNS publishes",
    "sns_mobile_push": "SNS mobile push",
    "s3_put": "S3 PUT requests",
    "s3_get": "S3 GET requests",
    "s3_storage_gb": "S3 storage",
    "functions_executions": "Functions executions",
    "functions_gb_seconds": "Functions compute",
    "table_transactions": "Table Storage transactions",
    "table_storage_gb": "Table Storage capacity",
    "queue_operations": "Queue Storage operations",
    "eventgrid_operations": "Event Grid operations",
    "notification_hubs_namespace": "Notification Hubs (Standard)",
    "notification_hubs_extra_pushes": "Notification Hubs extra pushes",
    "webpubsub_unit_days": "Web PubSub units",
    "webpubsub_extra_messages": "Web PubSub extra messages",
    "blob_writes": "Blob Storage writes",
    "blob_reads": "Blob Storage reads",
    "blob_storage_gb": "Blob Storage capacity",
    "iot_hub_b1_units": "IoT Hub B1 units",
    "iot_hub_b2_units": "IoT Hub B2 units",
    "iot_hub_b3_units": "IoT Hub B3 units",
    "iot_hub_s1_units": "IoT Hub S1 units",
    "iot_hub_s2_units": "IoT Hub S2 units",
    "iot_hub_s3_units": "IoT Hub S3 units",
    "ec2_t4g_small_hours": "EC2 t4g.small",
    "ec2_t4g_medium_hours": "EC2 t4g.medium",
    "ec2_t4g_large_hours": "EC2 t4g.large",
    "rds_t4g_micro_hours": "RDS db.t4g.micro",
    "rds_t4g_small_hours": "RDS db.t4g.small",
    "rds_t4g_medium_hours": "RDS db.t4g.medium",
    "rds_storage_gb": "RDS storage",
    "ebs_storage_gb": "EBS storage",
}
