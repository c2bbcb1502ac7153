"""The ingest rows that the cost model reads: a fleet's stream of MQTT packets through the batch
functions, as each cloud hands them on, and what each 1,000 packets cost in billing units.

AWS: trackers publish one packet a minute, one reading each; the IoT rule queues each packet and
the event source mapping hands the readings function batches. The bench builds those batches
as the mapping does at the scale the model prices (bench.streams.esm_batch): a batch holds at
most one packet of a tracker (10,000 trackers send 10,000 packets a minute, a batch holds a
few hundred), so each tracker's packet is a write of its own; every batch here holds one packet
of every bench tracker. Counted: DynamoDB requests and capacity units (moto, bench/capacity.py),
EventBridge events, the handler's time.

Azure: the same stream through `iot_readings` in Event Hub batches; counted: Table requests.
"""

from __future__ import annotations

import json
import math
import re
import time
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
POLLERS = 5  # the SQS event source mapping's pollers of a standard queue, at the start


def stage_batching(stage: str = "PROD") -> tuple[int, int]:
    """(ReadingsBatchSize, ReadingsWindow) of the stage, from template.yaml's Mappings."""
    text = (ROOT / "template.yaml").read_text()
    line = re.search(rf"^    {stage}: \{{(.*)\}}$", text, re.M)
    assert line, stage
    size = re.search(r"ReadingsBatchSize: (\d+)", line.group(1))
    window = re.search(r"ReadingsWindow: (\d+)", line.group(1))
    assert size and window
    return int(size.group(1)), int(window.group(1))


def esm_batch(trackers: int, packets_per_hour: float, batch_size: int, window: int) -> float:
    """Packets per invocation of the readings function at a fleet's steady rate: each of the
    mapping's pollers fills a batch until it holds `batch_size` or `window` seconds have passed
    since its first message; with no window a batch is what one receive returns (at most 10)."""
    per_poller = trackers * packets_per_hour / 3600 / POLLERS  # packets a second
    if window == 0:
        return max(1.0, min(10.0, per_poller))
    return max(1.0, min(float(batch_size), per_poller * window))


def packet(serial: str, at: datetime, n: int, readings: int = 1) -> dict[str, Any]:
    """A tracker's packet of `readings` readings a minute apart, ending at `at`."""
    return {
        "readings": [
            {
                "time": (at - timedelta(minutes=readings - 1 - k)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "steps": 20 + (n + k) % 60,
                "latitude": round(52.52 + ((n + k) % 97) / 100_000, 5),
                "longitude": round(13.405 + ((n * 7 + k) % 89) / 100_000, 5),
                "battery": 95 - (n + k) % 80 // 4,
            }
            for k in range(readings)
        ],
        "tracker": serial,
    }


def sqs_event(bodies: list[str]) -> dict[str, Any]:
    arn = "arn:aws:sqs:us-east-1:123456789012:pawtrack-prod-readings"
    return {
        "Records": [
            {
                "messageId": str(uuid.uuid4()), "receiptHandle": "bench", "body": body,
                "attributes": {"ApproximateReceiveCount": "1", "SentTimestamp": "0"},
                "messageAttributes": {}, "md5OfBody": "", "eventSource": "aws:sqs",
                "eventSourceARN": arn, "awsRegion": "us-east-1",
            }
            for body in bodies
        ]
    }  # fmt: skip


def aws_stream(world: Any, trackers: int, minutes: int) -> dict[str, Any]:
    """`trackers` trackers, each a pet of its own, `minutes` packets each, one batch a minute."""
    from bench.seed import seed_pet
    from entrypoints.aws_lambda import readings, runtime

    container = world.aws_container()
    start = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(hours=3)
    serials = [f"STREAM-{uuid.uuid4().hex[:6]}-{n}" for n in range(trackers)]
    for serial in serials:
        seed_pet(container, world.owner, start.date().isoformat(), 0, serial)
    events = _counting_events(container)
    runtime.use_container(container)
    requests_before, units_before = world.moto.snapshot(), world.moto.units()
    seconds, reports = 0.0, Counter()
    try:
        for minute in range(minutes):
            at = start + timedelta(minutes=minute)
            bodies = [json.dumps(packet(s, at, n + minute)) for n, s in enumerate(serials)]
            began = time.perf_counter()
            answer = readings.handler(sqs_event(bodies), None)
            seconds += time.perf_counter() - began
            assert answer["batchItemFailures"] == [], answer["batchItemFailures"]
            reports.update(r["accepted"] for r in answer["reports"].values())
    finally:
        runtime.use_container(None)
    packets = trackers * minutes
    assert reports == Counter({1: packets}), reports
    return _per_thousand(world, requests_before, units_before, packets, seconds, minutes, events)


def _counting_events(container: Any) -> Counter[str]:
    """Events the container's EventBridge client puts, by type."""
    counted: Counter[str] = Counter()
    client = container.ports.events()._client

    def count(params: Any, **_: Any) -> None:
        for entry in params.get("Entries", []):
            counted[entry.get("DetailType", "?")] += 1

    client.meta.events.register("provide-client-params.eventbridge.PutEvents", count)
    return counted


def _per_thousand(
    world: Any,
    requests_before: Counter[str],
    units_before: tuple[Counter[str], Counter[str]],
    packets: int,
    seconds: float,
    invocations: int,
    events: Counter[str],
) -> dict[str, Any]:
    requests = world.moto.snapshot()
    requests.subtract(requests_before)
    reads, writes = world.moto.units()
    reads.subtract(units_before[0])
    writes.subtract(units_before[1])
    scale = 1000 / packets
    dynamodb = {k: v for k, v in (+requests).items() if k.startswith("dynamodb:")}
    size, window = stage_batching()
    modeled = esm_batch(10_000, 60, size, window)
    # A batch's own reads (who listens: one Query) are shared by its packets: at 10,000 trackers
    # a batch holds `modeled` packets, here one of each bench tracker.
    per_batch = reads.get("dynamodb:Query", 0) / invocations
    at_fleet = (
        sum(reads.values()) - reads.get("dynamodb:Query", 0)
    ) / packets + per_batch / modeled
    return {
        "packets": packets,
        "readings": packets,
        "wru_per_reading": sum(writes.values()) / packets,
        "rru_per_reading": sum(reads.values()) / packets,
        "rru_per_reading_at_10000_trackers": at_fleet,
        "per_1000_packets": {
            "dynamodb_requests": sum(dynamodb.values()) * scale,
            "dynamodb_wru": sum(writes.values()) * scale,
            "dynamodb_rru": sum(reads.values()) * scale,
            "eventbridge_events": sum(events.values()) * scale,
            "handler_seconds": seconds * scale,
            "invocations_here": invocations * scale,
            "invocations_at_10000_trackers": 1000 / modeled,
        },
        "dynamodb_by_operation": {k: v * scale for k, v in sorted(dynamodb.items())},
        "wru_by_operation": {k: v * scale for k, v in sorted((+writes).items())},
        "rru_by_operation": {k: v * scale for k, v in sorted((+reads).items())},
        "events": dict(events),
        "batching": {"batch_size": size, "window_s": window, "pollers": POLLERS,
                     "packets_per_invocation_at_10000_trackers": modeled},
    }  # fmt: skip


def aws_packets(world: Any, sizes: tuple[int, ...]) -> dict[str, Any]:
    """One packet of each size through the readings function: what it costs beside one of 1."""
    from bench.seed import seed_pet
    from entrypoints.aws_lambda import readings, runtime

    container = world.aws_container()
    start = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(hours=1)
    found: dict[str, Any] = {}
    runtime.use_container(container)
    try:
        for size in sizes:
            serial = f"PACKET-{uuid.uuid4().hex[:6]}"
            seed_pet(container, world.owner, start.date().isoformat(), 0, serial)
            body = json.dumps(packet(serial, start, 0, size))
            requests_before, units_before = world.moto.snapshot(), world.moto.units()
            began = time.perf_counter()
            answer = readings.handler(sqs_event([body]), None)
            took = time.perf_counter() - began
            assert next(iter(answer["reports"].values()))["accepted"] == size
            requests = world.moto.snapshot()
            requests.subtract(requests_before)
            reads, writes = world.moto.units()
            reads.subtract(units_before[0])
            writes.subtract(units_before[1])
            found[str(size)] = {
                "requests": dict(+requests),
                "dynamodb_wru": sum(writes.values()),
                "dynamodb_rru": sum(reads.values()),
                "seconds": took,
            }
    finally:
        runtime.use_container(None)
    return found


def azure_stream(trackers: int, minutes: int) -> dict[str, Any]:
    """The same stream through `iot_readings`, one Event Hub batch a minute, on Azurite."""
    from bench.azure import AzureWorld, table_requests
    from tests.support.drivers.azure import HostContext, _iot_event, host_function

    world = AzureWorld()
    try:
        driver = world.driver
        start = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(hours=3)
        serials = [f"AZ-{uuid.uuid4().hex[:6]}-{n}" for n in range(trackers)]
        for n, serial in enumerate(serials):
            driver.register_pet("bench-owner", "dog", f"Pet{n}", 20)
            driver.pair_tracker("bench-owner", serial, f"Pet{n}")
        function, seconds = host_function("iot_readings"), 0.0
        with table_requests(world.table_port) as counts:
            for minute in range(minutes):
                at = start + timedelta(minutes=minute)
                events = [
                    _iot_event(s, {"readings": packet(s, at, n + minute)["readings"]})
                    for n, s in enumerate(serials)
                ]
                began = time.perf_counter()
                function(events, HostContext())
                seconds += time.perf_counter() - began
        packets = trackers * minutes
        scale = 1000 / packets
        return {
            "packets": packets,
            "table_requests_per_packet": sum(counts.values()) / packets,
            "per_1000_packets": {
                "table_transactions": sum(counts.values()) * scale,
                "handler_seconds": seconds * scale,
                "invocations_here": minutes * scale,
            },
            "by_kind": {k: v * scale for k, v in sorted(counts.items())},
        }
    finally:
        world.close()


def ceil_div(a: int, b: int) -> int:
    return math.ceil(a / b)
