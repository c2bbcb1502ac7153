"""What a delivery's report tells operators, the same for a packet, an HTTP body and a bundle:
the counts as fields of its line, and as metrics."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from application.ports.telemetry import Field, Metric
from domain.readings import DeliveryReport, Reading


def report_fields(report: DeliveryReport) -> dict[str, Field]:
    return {
        "accepted": report.accepted,
        "duplicates": report.duplicates,
        "quarantined": report.quarantined,
        "rejected": len(report.rejected),
    }


def report_metrics(report: DeliveryReport) -> dict[Metric, float]:
    return {
        Metric.READINGS_ACCEPTED: report.accepted,
        Metric.READINGS_DUPLICATE: report.duplicates,
        Metric.READINGS_QUARANTINED: report.quarantined,
        Metric.READINGS_REJECTED: len(report.rejected),
    }


def ingest_lag_ms(readings: Sequence[Reading], stored_at: datetime) -> float | None:
    """From the oldest reading's time to its storage, in milliseconds (None: no reading). A
    reading from a clock running ahead counts as no lag, not as a negative one."""
    if not readings:
        return None
    oldest = min(reading.time for reading in readings)
    return max((stored_at - oldest).total_seconds() * 1000, 0.0)
