"""Monthly quantities per priced meter: use cases × requests per occurrence, plus what runs all month."""

from __future__ import annotations

import math
from typing import Any

from costing.batching import SQS_POLLERS
from costing.profiles import PACKED_BYTES, Profile, Profiles
from costing.workload import DAYS_PER_MONTH, MINUTES_PER_DAY, Workload

GB = 2**30
DAY_RECORD_BYTES = 1024  # a pet-day's item (DynamoDB) or entity (Tables) beside its readings
NOTIFICATION_HUBS_INCLUDED_PUSHES = 10_000_000
WEBPUBSUB_CONNECTIONS_PER_UNIT = 1_000
WEBPUBSUB_MESSAGES_PER_UNIT_DAY = 1_000_000
# IoT Hub tiers: messages (of 4 KB) a unit takes a day, and the most units of the tier. The
# basic tiers carry device-to-cloud telemetry and routing, all Pawtrack asks of IoT Hub.
IOT_HUB_TIERS = {
    "b1": (400_000, 200),
    "b2": (6_000_000, 200),
    "b3": (300_000_000, 10),
    "s1": (400_000, 200),
    "s2": (6_000_000, 200),
    "s3": (300_000_000, 10),
}
COMPUTE = {
    "aws": ("lambda_requests", "lambda_gb_seconds"),
    "azure": ("functions_executions", "functions_gb_seconds"),
}


def occurrences(workload: Workload) -> dict[str, float]:
    return {
        "packet": workload.packets,
        "live_update": workload.live_updates,
        "app_open": workload.app_opens,
        "push": workload.pushes,
        "bundle": workload.bundles,
    }


def per_use_case(cloud: str, profiles: Profiles, workload: Workload) -> dict[str, float]:
    """Sums every use case's requests over the month; invocations and durations become compute meters."""
    requests_meter, gb_seconds_meter = COMPUTE[cloud]
    totals: dict[str, float] = {}
    for case, count in occurrences(workload).items():
        for meter, quantity in _compute(profiles[case], requests_meter, gb_seconds_meter).items():
            totals[meter] = totals.get(meter, 0) + count * quantity
    return totals


def _compute(profile: Profile, requests_meter: str, gb_seconds_meter: str) -> Profile:
    rest = {
        k: v for k, v in profile.items() if k not in ("invocations", "duration_ms", "memory_mb")
    }
    if "invocations" in profile:
        rest[requests_meter] = profile["invocations"]
        seconds = profile.get("duration_ms", 0) / 1000
        rest[gb_seconds_meter] = seconds * profile.get("memory_mb", 0) / 1024
    return rest


def readings_bytes(workload: Workload) -> float:
    """What the kept readings take, packed, with a record per pet-day beside them."""
    days = workload.trackers * workload.retention_days
    return workload.readings_kept * PACKED_BYTES + days * DAY_RECORD_BYTES


def aws_meters(profiles: Profiles, workload: Workload, prices: dict[str, Any]) -> dict[str, float]:
    quantities = per_use_case("aws", profiles, workload)
    quantities["iot_connection_minutes"] = workload.tracker_minutes
    # the event source mapping's pollers keep polling the readings queue (20 s long polls)
    idle_polls = SQS_POLLERS * 3 * MINUTES_PER_DAY * DAYS_PER_MONTH
    quantities["sqs_requests"] = quantities.get("sqs_requests", 0) + idle_polls
    quantities["dynamodb_storage_gb"] = readings_bytes(workload) / GB
    quantities["s3_storage_gb"] = workload.bundle_bytes_kept / GB
    return quantities


def azure_meters(
    profiles: Profiles, workload: Workload, prices: dict[str, Any]
) -> dict[str, float]:
    """Azure sells IoT Hub, Notification Hubs and Web PubSub by the unit, with messages included."""
    quantities = per_use_case("azure", profiles, workload)
    unit_prices = {tier: prices[f"iot_hub_{tier}_units"]["price"] for tier in IOT_HUB_TIERS}
    tier, units = iot_hub_tier(quantities.pop("iot_hub_messages", 0) / DAYS_PER_MONTH, unit_prices)
    quantities[f"iot_hub_{tier}_units"] = units
    pushes = quantities.pop("notification_pushes", 0)
    quantities["notification_hubs_namespace"] = 1
    quantities["notification_hubs_extra_pushes"] = max(
        0, pushes - NOTIFICATION_HUBS_INCLUDED_PUSHES
    )
    quantities |= _webpubsub(quantities.pop("webpubsub_messages", 0), workload)
    quantities["table_storage_gb"] = readings_bytes(workload) / GB
    quantities["blob_storage_gb"] = workload.bundle_bytes_kept / GB
    return quantities


def iot_hub_tier(messages_a_day: float, prices: dict[str, float]) -> tuple[str, int]:
    """The cheapest IoT Hub tier and number of units that take the messages a day, at `prices`
    (a unit-month's, by tier)."""
    choices = []
    for tier, (quota, most) in IOT_HUB_TIERS.items():
        units = max(1, math.ceil(messages_a_day / quota))
        if units <= most:
            choices.append((units * prices[tier], tier, units))
    if (
        not choices
    ):  # beyond one hub's largest tier: as many S3 units as it takes, over several hubs
        largest, (quota, _) = list(IOT_HUB_TIERS.items())[-1]
        return largest, math.ceil(messages_a_day / quota)
    _, tier, units = min(choices)
    return tier, units


def _webpubsub(messages: float, workload: Workload) -> dict[str, float]:
    """Units for the peak connections, each with a million messages a day; extra messages beyond."""
    units = max(1, math.ceil(workload.peak_connections / WEBPUBSUB_CONNECTIONS_PER_UNIT))
    included = units * WEBPUBSUB_MESSAGES_PER_UNIT_DAY * DAYS_PER_MONTH
    return {
        "webpubsub_unit_days": units * DAYS_PER_MONTH,
        "webpubsub_extra_messages": max(0, messages - included),
    }


def storage_assumptions() -> list[str]:
    return [
        f"a reading takes {PACKED_BYTES} B packed in DynamoDB and Azure Tables, and each tracker's"
        f" day a record of {DAY_RECORD_BYTES} B beside them; GB = 2^30 B",
        "DynamoDB: a write unit per 1 KB written (transactions twice, a GSI copy once more), a read"
        " unit per 4 KB read (half when eventually consistent); a packet appends to its pet-day's"
        " item, kept under 1 KB",
        "AWS Lambda: a packet's share of a batch of the readings queue (template.yaml's PROD"
        " batch size and window at this fleet's rate, 5 pollers); Azure Functions: of an Event Hub"
        " batch (main.bicep's prod, 4 partitions), billed at the 2048 MB instance per execution (no"
        " concurrency on an instance: an upper bound)",
        "IoT Core: Basic Ingest topics (no messaging charge), a rule and an SQS action per packet;"
        " IoT Hub: the cheapest tier and units that take the messages a day",
        "not counted: logs and metrics (CloudWatch, Application Insights), Cognito and Entra ID,"
        " Key Vault, data transfer, the Functions host's storage",
    ]
