"""One MQTT packet's path, as its lines tell it on every binding: the lines are captured as the
binding writes them (stdout, the log handler the worker forwards) and parsed; one correlation
id runs from the packet to its pushes and its live update, across the event bus on AWS and
Azure; each line names the tracker, pet and owner and never a token or a position. Then the
metrics of a run of deliveries, read where each cloud reads them, are the same everywhere.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from unittest import mock

import pytest

from tests.support.drivers.base import Driver

NOW = datetime(2026, 11, 20, 12, 1, tzinfo=UTC)
PACKET = [
    {"time": "2026-11-20T12:00:00Z", "steps": 1200, "battery": 10, "latitude": 52.52, "longitude": 13.4},
    {"time": "2026-11-20T12:00:30Z", "steps": -5},
]  # fmt: skip
BUNDLE = "\n".join(
    [
        '{"time": "2026-11-20T12:00:40Z", "steps": 100}',
        '{"time": "2026-11-20T12:00:50Z", "steps": 100}',
        '{"time": "2026-11-20T12:00:55Z", "steps": "many"}',
    ]
)


def alice_with_rex(driver: Driver) -> None:
    driver.set_time(NOW)
    driver.add_user("alice")
    driver.register_pet("alice", "dog", "Rex", 20)
    driver.set_step_goal("alice", "Rex", 1000)
    driver.pair_tracker("alice", "PT-1001", "Rex")
    driver.register_phone("alice", "ios", "alice-iphone")
    driver.connect_live("alice")


def lines_of(driver: Driver, since: int) -> list[dict[str, Any]]:
    return driver.telemetry_lines()[since:]


def test_one_packets_path_is_one_chain_of_lines(driver: Driver) -> None:
    alice_with_rex(driver)
    since = len(driver.telemetry_lines())
    delivery = driver.report_readings("PT-1001", PACKET)
    assert (delivery.accepted, delivery.rejected) == (1, ((2, "steps"),))
    lines = lines_of(driver, since)
    (stored,) = [line for line in lines if line["message"] == "delivery-stored"]
    pushes = [line for line in lines if line["message"] == "push-sent"]
    (live,) = [line for line in lines if line["message"] == "live-update-sent"]
    assert (stored["accepted"], stored["rejected"], stored["quarantined"]) == (1, 1, 0)
    assert sorted(push["kind"] for push in pushes) == ["BatteryLow", "GoalReached"]
    chain = [stored, *pushes, live]
    assert len({line["correlation_id"] for line in chain}) == 1, chain
    rex = driver.footprint("alice").pets
    for line in chain:
        assert line["owner_id"] == driver.user_id("alice") and line["pet_id"] in rex
        assert line["request_id"], line
    assert stored["tracker_id"] == "PT-1001"
    for line in lines:  # nothing secret, nothing of where the pet was
        assert set(line) & {"latitude", "longitude", "token", "device_token"} == set()
        tokens = [mark for mark in driver.footprint("alice").phones if mark.startswith("token")]
        assert tokens and not any(token in str(line) for token in tokens)
        assert "52.52" not in str(line)


@pytest.mark.bindings("aws")
def test_on_aws_the_chain_is_named_after_the_packets_xray_trace(driver: Driver) -> None:
    """The packet's invocation has one X-Ray trace; the announcing function gets another one
    here, so only the correlation id the event carried can make its lines the packet's."""
    alice_with_rex(driver)
    since = len(driver.telemetry_lines())
    roots = iter(["1-6920a1b2-0123456789abcdef01234567", "1-6920a1b3-fedcba9876543210fedcba98"])
    with mock.patch("entrypoints.aws_lambda.tracing.xray_trace_id", lambda: next(roots, None)):
        driver.report_readings("PT-1001", PACKET)
    announced = [line for line in lines_of(driver, since) if "push" in str(line["message"])]
    assert announced and {line["correlation_id"] for line in announced} == {
        "1-6920a1b2-0123456789abcdef01234567"
    }


@pytest.mark.bindings("azure")
def test_on_azure_one_trace_runs_from_the_packet_through_event_grid_to_the_push(
    driver: Driver,
) -> None:
    alice_with_rex(driver)
    since = len(driver.telemetry_lines())
    driver.report_readings("PT-1001", PACKET)
    (stored,) = [line for line in lines_of(driver, since) if line["message"] == "delivery-stored"]
    trace_id = int(str(stored["correlation_id"]), 16)
    spans = [s for s in driver.spans.get_finished_spans() if s.context.trace_id == trace_id]  # type: ignore[attr-defined]
    names = [span.name for span in spans]
    assert names.count("iot_readings") == 1 and names.count("events_announce") >= 2, names
    packet = next(span for span in spans if span.name == "iot_readings")
    for span in spans:
        if span.name == "events_announce":
            assert span.parent is not None and span.parent.span_id == packet.context.span_id


def test_the_metrics_of_a_run_of_deliveries_are_the_same_on_every_binding(
    driver: Driver,
) -> None:
    alice_with_rex(driver)
    driver.report_readings("PT-1001", PACKET)  # 1 accepted, 1 rejected; goal and battery pushes
    driver.report_readings("PT-1001", PACKET)  # again: 1 duplicate, 1 rejected
    driver.report_readings("PT-9999", PACKET[:1])  # unpaired: 1 quarantined
    bundle = driver.sync_bundle("alice", "PT-1001", BUNDLE)  # 2 accepted, line 3 rejected
    assert (bundle.accepted, bundle.rejected) == (2, ((3, "steps"),))
    totals = driver.metric_totals()
    assert {name: value for name, value in totals.items() if name != "IngestLag"} == {
        "ReadingsAccepted": 3,
        "ReadingsDuplicate": 1,
        "ReadingsRejected": 3,
        "ReadingsQuarantined": 1,
        "ReadingsConflicting": 0,
        "DeliveriesProcessed": 3,
        "BundlesProcessed": 1,
        "PushSent": 2,
        "PushFailed": 0,
        "LiveUpdatesSent": 2,
        "JobRetries": 0,
        "JobsDeadLettered": 0,
        "WebhooksSent": 0,  # no app subscribed: counted in tests/unit/test_webhook_delivery.py
        "WebhookRetries": 0,
        "WebhooksFailed": 0,
    }
    assert totals["IngestLag"] == pytest.approx(3 * 60_000)  # each packet's reading: a minute old
