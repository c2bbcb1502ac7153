"""Telemetry: one line per event, with the trace and the fields; every metric counted, as its
cloud reads it. The same on Lambda (Powertools, EMF), Azure (OpenTelemetry) and a laptop."""

from __future__ import annotations

import pytest

from application import tracing
from application.ports.telemetry import LogEvent, Metric, line

from .harnesses.telemetry import TelemetryHarness


def test_one_line_per_event_with_its_fields(telemetry: TelemetryHarness) -> None:
    telemetry.telemetry.record(LogEvent.REQUEST_SERVED, route="GET /pets", status=200)
    telemetry.telemetry.record(LogEvent.DELIVERY_STORED, accepted=3, duplicates=0)
    first, second = telemetry.lines()
    assert (first["message"], first["route"], first["status"]) == (
        "request-served",
        "GET /pets",
        200,
    )
    assert (second["message"], second["accepted"], second["duplicates"]) == (
        "delivery-stored",
        3,
        0,
    )
    for written in (first, second):
        assert (written["level"], written["service"]) == ("INFO", "pawtrack-test")
        assert str(written["timestamp"]).startswith("20")


def test_a_line_carries_the_trace_it_was_written_in(telemetry: TelemetryHarness) -> None:
    telemetry.telemetry.record(LogEvent.PUSH_SENT, phone="pixel")
    with tracing.traced("1-5759e988-bd862e3fe1be46a994272793", request_id="req-1"):
        tracing.annotate(tracker_id="PT-1", pet_id="pet-1")
        tracing.annotate(owner_id="alice")
        telemetry.telemetry.record(LogEvent.PUSH_SENT, phone="pixel")
    outside, inside = telemetry.lines()
    assert "correlation_id" not in outside and "pet_id" not in outside
    assert inside["correlation_id"] == "1-5759e988-bd862e3fe1be46a994272793"
    assert inside["request_id"] == "req-1"
    assert (inside["tracker_id"], inside["pet_id"], inside["owner_id"]) == (
        "PT-1",
        "pet-1",
        "alice",
    )


@pytest.mark.parametrize("metric", list(Metric))
def test_every_metric_adds_up(telemetry: TelemetryHarness, metric: Metric) -> None:
    assert telemetry.total(metric) == 0
    telemetry.telemetry.record(LogEvent.DELIVERY_STORED, {metric: 3})
    telemetry.telemetry.record(LogEvent.DELIVERY_STORED)  # counts nothing
    telemetry.telemetry.record(LogEvent.DELIVERY_STORED, {metric: 4})
    assert telemetry.total(metric) == pytest.approx(7)
    assert len(telemetry.lines()) == 3


def test_metrics_of_one_event_are_counted_together(telemetry: TelemetryHarness) -> None:
    metrics = {Metric.READINGS_ACCEPTED: 2, Metric.READINGS_REJECTED: 1, Metric.INGEST_LAG: 1500}
    telemetry.telemetry.record(LogEvent.DELIVERY_STORED, metrics, accepted=2, rejected=1)
    assert [telemetry.total(metric) for metric in metrics] == pytest.approx([2, 1, 1500])
    assert telemetry.total(Metric.READINGS_DUPLICATE) == 0


@pytest.mark.parametrize("name", ["token", "api_key", "signature", "latitude", "device_token"])
def test_a_field_that_could_hold_a_secret_or_a_position_is_refused(name: str) -> None:
    with pytest.raises(ValueError, match=name):
        line(LogEvent.PUSH_SENT, {name: "x"})


def test_a_trace_names_only_what_it_knows() -> None:
    with tracing.traced(), pytest.raises(ValueError, match="phone"):
        tracing.annotate(phone="pixel")
