"""What one occurrence of each use case asks of each service: ARCHITECTURE.md's counts, or bench's.

A profile maps a meter (a key of pricing.json, or `invocations`, `duration_ms`, `memory_mb`)
to a quantity per occurrence. `duration_ms` is the function time summed over the occurrence's
invocations; GB-seconds follow from it and `memory_mb`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from costing.workload import Workload

Profile = dict[str, float]
Profiles = dict[str, Profile]
USE_CASES = ("packet", "live_update", "app_open", "push", "bundle")
FLEX_MB = 2048  # Flex Consumption bills the instance memory while it executes


def dynamodb_record(readings: int) -> Profile:
    """GetItem tracker, pet, owner; ⌈N/100⌉ BatchGetItem of markers; ⌈N/49⌉ TransactWriteItems; 1 GetItem."""
    items = 2 * readings + math.ceil(
        readings / 49
    )  # marker + reading, one totals ADD per transaction
    return {
        "dynamodb_rru": 3 + readings + 1,  # strongly consistent, items under 4 KB: 1 RRU each
        # 2 WRUs per transactional item, 1 per GSI copy of a reading (gsi1, and gsi2 with a
        # battery level), 1 for the tracker's battery watch
        "dynamodb_wru": 2 * items + 2 * readings + 1,
        "eventbridge_events": 1,  # ActivityUpdated
    }


def table_record(readings: int) -> Profile:
    """Tracker, pet, owner reads; 1 marker query + ⌈N/100⌉ marker transactions + 1 totals read
    + ⌈N/99⌉ day transactions + signals read and write; the tracker's battery watch."""
    batches = math.ceil(readings / 100) + math.ceil(readings / 99)
    return {"table_transactions": 3 + 1 + 1 + 2 + 1 + batches, "eventgrid_operations": 2}


def _plus(*profiles: Mapping[str, float]) -> Profile:
    total: Profile = {}
    for profile in profiles:
        for meter, quantity in profile.items():
            total[meter] = total.get(meter, 0) + quantity
    return total


def aws_packet(workload: Workload) -> Profile:
    iot = {
        "iot_messages": math.ceil(workload.packet_bytes / 5120),
        "iot_rules": 1,
        "iot_actions": 1,
    }
    functions = {"invocations": 2, "duration_ms": 150 + 100, "memory_mb": 512}  # iot + announce
    announce = {"dynamodb_rru": 1}  # the owner's live connections
    return _plus(dynamodb_record(workload.readings_per_minute), iot, functions, announce)


def aws_app_open(workload: Workload) -> Profile:
    calls = workload.api_calls_per_open
    functions = {"invocations": calls + 2, "duration_ms": 100 * calls + 2 * 50, "memory_mb": 512}
    socket = {"websocket_connection_minutes": workload.minutes_open, "dynamodb_wru": 4}
    # 3 reads per call and 1 for the socket, each call and the $connect also reading the
    # erased-accounts tombstone (a deleted owner's token stops at once)
    reads = 3 * calls + 1 + (calls + 1)
    return _plus({"http_api_requests": calls, "dynamodb_rru": reads}, functions, socket)


def aws_bundle(workload: Workload) -> Profile:
    requests = {"http_api_requests": 2, "s3_put": 1, "s3_get": 1, "sqs_requests": 3}
    functions = {"invocations": 5, "duration_ms": 100 + 100 + 100 + 1000 + 100, "memory_mb": 1024}
    record = {"dynamodb_wru": 2, "dynamodb_rru": 2}  # the bundle's item, created and reported
    return _plus(dynamodb_record(workload.readings_per_bundle), requests, functions, record)


def aws_defaults(workload: Workload) -> Profiles:
    push: Profile = {
        "invocations": 1,
        "duration_ms": 200,
        "memory_mb": 512,
        "eventbridge_events": 1,
    }
    push |= {"dynamodb_wru": 1, "dynamodb_rru": 1, "sns_publishes": 1, "sns_mobile_push": 1}
    return {
        "packet": aws_packet(workload),
        "live_update": {"websocket_messages": 1},
        "app_open": aws_app_open(workload),
        "push": push,  # claim, the owner's phones, one phone
        "bundle": aws_bundle(workload),
    }


def azure_packet(workload: Workload) -> Profile:
    hub = {"iot_hub_messages": math.ceil(workload.packet_bytes / 4096)}
    # iot_readings takes Event Hub batches (cardinality many): ~10 packets an execution;
    # events_announce runs once per packet
    functions = {"invocations": 0.1 + 1, "duration_ms": 150 + 100, "memory_mb": FLEX_MB}
    return _plus(table_record(workload.readings_per_minute), hub, functions)


def azure_app_open(workload: Workload) -> Profile:
    calls = workload.api_calls_per_open
    functions = {"invocations": calls + 1, "duration_ms": 100 * (calls + 1), "memory_mb": FLEX_MB}
    # 3 reads per call, and the tombstone read by each call and by the negotiate
    return _plus(functions, {"table_transactions": 3 * calls + (calls + 1)})


def azure_bundle(workload: Workload) -> Profile:
    storage = {"blob_writes": 1, "blob_reads": 1, "queue_operations": 3, "table_transactions": 4}
    functions = {
        "invocations": 5,
        "duration_ms": 100 + 100 + 100 + 1000 + 100,
        "memory_mb": FLEX_MB,
    }
    blob_created = {"eventgrid_operations": 2}
    return _plus(table_record(workload.readings_per_bundle), storage, functions, blob_created)


def azure_defaults(workload: Workload) -> Profiles:
    push: Profile = {
        "invocations": 1,
        "duration_ms": 200,
        "memory_mb": FLEX_MB,
        "table_transactions": 2,
    }
    push |= {"eventgrid_operations": 2, "notification_pushes": 1}
    return {
        "packet": azure_packet(workload),
        "live_update": {"webpubsub_messages": 1},
        "app_open": azure_app_open(workload),
        "push": push,
        "bundle": azure_bundle(workload),
    }
