"""Telemetry on a laptop: one JSON line per event on a stream (stdout for the local server), the
same keys as Powertools' lines on Lambda (level, message, timestamp, service, then the fields),
and the metrics in a Prometheus registry of this adapter's own, served at the local `/metrics`.

Counts are Prometheus counters (`pawtrack_readings_accepted_total`); the ingest lag a histogram
in seconds, Prometheus's base unit (`pawtrack_ingest_lag_seconds`).
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TextIO

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client.exposition import generate_latest

from application.ports.telemetry import (
    Field,
    LogEvent,
    Metric,
    Metrics,
    MetricsScrape,
    Telemetry,
    Unit,
    line,
)

LAG_BUCKETS_S = (0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 3600)


class PrometheusTelemetry(Telemetry, MetricsScrape):
    def __init__(self, stream: TextIO, service: str = "pawtrack") -> None:
        self._stream, self._service = stream, service
        self._registry = CollectorRegistry(auto_describe=True)
        self._counters = {m: _counter(m, self._registry) for m in Metric if m.unit is Unit.COUNT}
        self._lag = Histogram(
            "pawtrack_ingest_lag_seconds",
            "From a reading's time to its storage (the oldest reading of a live delivery)",
            registry=self._registry,
            buckets=LAG_BUCKETS_S,
        )
        self._writing = threading.Lock()

    def record(self, event: LogEvent, metrics: Metrics | None = None, **fields: Field) -> None:
        written = {
            "level": "INFO",
            "timestamp": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "service": self._service,
            **line(event, fields),
        }
        text = json.dumps(written, separators=(",", ":"), default=str)
        with self._writing, contextlib.suppress(OSError, ValueError):  # a closed stream
            self._stream.write(text + "\n")
            self._stream.flush()
        self._count(metrics or {})

    def exposition(self) -> tuple[str, bytes]:
        return CONTENT_TYPE_LATEST, generate_latest(self._registry)

    def _count(self, metrics: Mapping[Metric, float]) -> None:
        for metric, value in metrics.items():
            if not value and metric is not Metric.INGEST_LAG:
                continue  # a counter stays where it is
            if metric is Metric.INGEST_LAG:
                self._lag.observe(value / 1000)
            else:
                self._counters[metric].inc(value)


def prometheus_name(metric: Metric) -> str:
    """`ReadingsAccepted` → `pawtrack_readings_accepted` (the client adds `_total`)."""
    return f"pawtrack_{metric.snake_name}"


def _counter(metric: Metric, registry: CollectorRegistry) -> Counter:
    return Counter(prometheus_name(metric), f"{metric.value} ({metric.unit})", registry=registry)
