"""Monthly quantities per priced meter: use cases × requests per occurrence, plus what runs all month."""

from __future__ import annotations

import math

from costing.profiles import Profile, Profiles
from costing.workload import DAYS_PER_MONTH, Workload

GB = 2**30
DYNAMODB_BYTES_PER_READING = (
    700  # item of 200 B (with overhead), its copies in gsi1 and gsi2, a marker of 100 B
)
TABLE_BYTES_PER_READING = 300  # entity of 200 B, a marker entity of 100 B
IOT_HUB_MESSAGES_PER_UNIT_DAY = 400_000
NOTIFICATION_HUBS_INCLUDED_PUSHES = 10_000_000
WEBPUBSUB_CONNECTIONS_PER_UNIT = 1_000
WEBPUBSUB_MESSAGES_PER_UNIT_DAY = 1_000_000
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


def aws_meters(profiles: Profiles, workload: Workload) -> dict[str, float]:
    quantities = per_use_case("aws", profiles, workload)
    quantities["iot_connection_minutes"] = workload.tracker_minutes
    quantities["dynamodb_storage_gb"] = workload.readings_kept * DYNAMODB_BYTES_PER_READING / GB
    quantities["s3_storage_gb"] = workload.bundle_bytes_kept / GB
    return quantities


def azure_meters(profiles: Profiles, workload: Workload) -> dict[str, float]:
    """Azure sells IoT Hub, Notification Hubs and Web PubSub by the unit, with messages included."""
    quantities = per_use_case("azure", profiles, workload)
    hub_messages_a_day = quantities.pop("iot_hub_messages", 0) / DAYS_PER_MONTH
    quantities["iot_hub_units"] = max(
        1, math.ceil(hub_messages_a_day / IOT_HUB_MESSAGES_PER_UNIT_DAY)
    )
    pushes = quantities.pop("notification_pushes", 0)
    quantities["notification_hubs_namespace"] = 1
    quantities["notification_hubs_extra_pushes"] = max(
        0, pushes - NOTIFICATION_HUBS_INCLUDED_PUSHES
    )
    quantities |= _webpubsub(quantities.pop("webpubsub_messages", 0), workload)
    quantities["table_storage_gb"] = workload.readings_kept * TABLE_BYTES_PER_READING / GB
    quantities["blob_storage_gb"] = workload.bundle_bytes_kept / GB
    return quantities


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
        f"a reading takes {DYNAMODB_BYTES_PER_READING} B in DynamoDB (item, two GSI copies,"
        f" marker) and {TABLE_BYTES_PER_READING} B in Azure Tables (entity, marker); GB = 2^30 B",
        "DynamoDB reads are strongly consistent (1 RRU per item under 4 KB); a transactional"
        " write is 2 WRUs per item, a GSI copy 1 WRU",
        "Azure Functions bill the 2048 MB instance per execution (no concurrency on an instance:"
        " an upper bound); an entity-group transaction is one storage transaction",
        "not counted: logs and metrics (CloudWatch, Application Insights), Cognito and Entra ID,"
        " Key Vault, data transfer, SQS and Storage Queue polling, the Functions host's storage",
    ]
