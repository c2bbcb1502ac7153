"""What a delivery's report tells operators, the same for a packet, an HTTP body and a bundle:
the counts as fields of its line, and as metrics."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from application.ports.telemetry import Field, LogEvent, Metric, Telemetry
from domain.errors import InvalidInput
from domain.readings import DeliveryReport, Reading


def report_fields(report: DeliveryReport) -> dict[str, Field]:
    return {
        "accepted": report.accepted,
        "duplicates": report.duplicates,
        "quarantined": report.quarantined,
        "rejected": len(report.rejected),
        "conflicting": report.conflicting,
    }


def report_metrics(report: DeliveryReport) -> dict[Metric, float]:
    return {
        Metric.READINGS_ACCEPTED: report.accepted,
        Metric.READINGS_DUPLICATE: report.duplicates,
        Metric.READINGS_QUARANTINED: report.quarantined,
        Metric.READINGS_REJECTED: len(report.rejected),
        Metric.READINGS_CONFLICTING: report.conflicting,
    }


def ingest_lag_ms(readings: Sequence[Reading], stored_at: datetime) -> float | None:
    """From the oldest reading's time to its storage, in milliseconds (None: no reading). A
    reading from a clock running ahead counts as no lag, not as a negative one."""
    if not readings:
        return None
    oldest = min(reading.time for reading in readings)
    return max((stored_at - oldest).total_seconds() * 1000, 0.0)


def stored(
    telemetry: Telemetry, report: DeliveryReport, readings: Sequence[Reading], now: datetime
) -> None:
    """A packet or an HTTP body recorded: its `delivery-stored` line, its counts and lag."""
    metrics = report_metrics(report) | {Metric.DELIVERIES_PROCESSED: 1}
    lag = ingest_lag_ms(readings, now)
    if lag is not None:
        metrics[Metric.INGEST_LAG] = lag
    telemetry.record(LogEvent.DELIVERY_STORED, metrics, **report_fields(report))


def refused_whole(telemetry: Telemetry, error: InvalidInput) -> DeliveryReport:
    """An unanswered delivery refused whole (a bad serial, too many readings): reported as
    rejection 0 and told in one `delivery-refused` line."""
    report = DeliveryReport.refused_whole(error)
    telemetry.record(
        LogEvent.DELIVERY_REFUSED, report_metrics(report), field=error.field, reason=error.detail
    )
    return report
