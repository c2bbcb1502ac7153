"""What one occurrence of each use case asks of each service: ARCHITECTURE.md's counts, or what
`make bench` measured (bench.py), per occurrence.

A profile maps a meter (a key of pricing.json, or `invocations`, `duration_ms`, `memory_mb`)
to a quantity per occurrence. `duration_ms` is the function time summed over the occurrence's
share of invocations; GB-seconds follow from it and `memory_mb`. A packet's share of an
invocation is one over the packets a batch holds (batching.py).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from costing.batching import SQS_RECEIVE, packets_per_execution, packets_per_invocation
from costing.workload import Workload

Profile = dict[str, float]
Profiles = dict[str, Profile]
USE_CASES = ("packet", "live_update", "app_open", "push", "bundle")
FLEX_MB = 2048  # Flex Consumption bills the instance memory while it executes
LAMBDA_MB = 512
INVOCATION_MS = 40  # a batch's own time: the trackers' read, who listens, the answer
PACKED_BYTES = 18  # a reading packed (adapters/reading_pack.py), with a position


def plus(*profiles: Mapping[str, float]) -> Profile:
    total: Profile = {}
    for profile in profiles:
        for meter, quantity in profile.items():
            total[meter] = total.get(meter, 0) + quantity
    return total


def dynamodb_packet(readings: int) -> Profile:
    """A packet of one tracker: its pet-day's day item appended to (one write unit while the
    item stays under 1 KB; its latest readings move to a chunk, two writes, every ~40 readings);
    the tracker read in the batch's BatchGetItem, eventually consistent (half a read unit)."""
    appended = math.ceil((readings * PACKED_BYTES + 350) / 1024)
    return {"dynamodb_wru": appended + 2 * readings / 40, "dynamodb_rru": 0.5}


def aws_packet(workload: Workload) -> Profile:
    share = 1 / packets_per_invocation(workload)
    chunks = math.ceil(workload.packet_bytes / 65_536)
    queue = {"sqs_requests": chunks + 2 / SQS_RECEIVE}  # the rule's send; receive, delete per 10
    rule = {"iot_rules": 1, "iot_actions": 1}  # Basic Ingest: no messaging charge
    function = {
        "invocations": share,
        "duration_ms": 10 + INVOCATION_MS * share,
        "memory_mb": LAMBDA_MB,
        "dynamodb_rru": 0.5 * share,  # who listens: one Query a batch
    }
    return plus(dynamodb_packet(workload.readings_per_packet), queue, rule, function)


def aws_app_open(workload: Workload) -> Profile:
    calls = workload.api_calls_per_open
    functions = {"invocations": calls + 2, "duration_ms": 100 * calls + 2 * 50, "memory_mb": 512}
    socket = {"websocket_connection_minutes": workload.minutes_open, "dynamodb_wru": 6}
    # 3 reads per call and 1 for the socket, each call and the $connect also reading the
    # erased-accounts tombstone (a deleted owner's token stops at once)
    reads = 3 * calls + 1 + (calls + 1)
    return plus({"http_api_requests": calls, "dynamodb_rru": reads}, functions, socket)


def aws_bundle(workload: Workload) -> Profile:
    """Its day: a GetItem and a Query of the day, and one transaction of a chunk and the day."""
    readings = workload.readings_per_bundle
    requests = {"http_api_requests": 2, "s3_put": 1, "s3_get": 1, "sqs_requests": 3}
    functions = {"invocations": 3, "duration_ms": 100 + 100 + 300, "memory_mb": 1024}
    # the transaction writes the chunk and the day item, each twice; the bundle's item is
    # written when it is started and when it is reported; reads: the day, its chunks, the
    # bundle's item, the tracker (eventually consistent)
    transaction = 2 * math.ceil(readings * PACKED_BYTES / 1024) + 2
    record = {"dynamodb_wru": transaction + 2, "dynamodb_rru": 1 + 1 + 1 + 0.5}
    return plus(requests, functions, record)


def aws_defaults(workload: Workload) -> Profiles:
    push: Profile = {"invocations": 1, "duration_ms": 200, "memory_mb": 512}
    push |= {"eventbridge_events": 1, "sns_publishes": 1, "sns_mobile_push": 1}
    push |= {"dynamodb_wru": 1, "dynamodb_rru": 1}  # the claim; the owner's phones
    return {
        "packet": aws_packet(workload),
        # straight from the readings function to the owner's open socket
        "live_update": {"websocket_messages": 1, "dynamodb_rru": 1},
        "app_open": aws_app_open(workload),
        "push": push,
        "bundle": aws_bundle(workload),
    }


def azure_packet(workload: Workload) -> Profile:
    """The tracker's point read, the pet-day's read and its write under its ETag."""
    share = 1 / packets_per_execution(workload)
    hub = {"iot_hub_messages": math.ceil(workload.packet_bytes / 4096)}
    functions = {
        "invocations": share,
        "duration_ms": 10 + INVOCATION_MS * share,
        "memory_mb": FLEX_MB,
        "table_transactions": 3 + share,  # and who listens: one query a batch
    }
    return plus(hub, functions)


def azure_app_open(workload: Workload) -> Profile:
    calls = workload.api_calls_per_open
    functions = {"invocations": calls + 1, "duration_ms": 100 * (calls + 1), "memory_mb": FLEX_MB}
    # 3 reads per call, the tombstone read by each call and by the negotiate, and the
    # negotiate's listener entry and the clean-up of expired ones
    return plus(functions, {"table_transactions": 3 * calls + (calls + 1) + 2})


def azure_bundle(workload: Workload) -> Profile:
    storage = {"blob_writes": 1, "blob_reads": 1, "queue_operations": 3, "table_transactions": 4}
    functions = {"invocations": 3, "duration_ms": 100 + 100 + 300, "memory_mb": FLEX_MB}
    record = {"table_transactions": 2, "eventgrid_operations": 2}  # its day; BlobCreated
    return plus(storage, functions, record)


def azure_defaults(workload: Workload) -> Profiles:
    push: Profile = {"invocations": 1, "duration_ms": 200, "memory_mb": FLEX_MB}
    push |= {"table_transactions": 2, "eventgrid_operations": 2, "notification_pushes": 1}
    return {
        "packet": azure_packet(workload),
        "live_update": {"webpubsub_messages": 1},
        "app_open": azure_app_open(workload),
        "push": push,
        "bundle": azure_bundle(workload),
    }
