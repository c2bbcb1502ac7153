"""Telemetry on Azure Functions: one JSON line per event through Python's logging, which the
Functions worker hands to the host and the host to Application Insights (the standard logging
integration: each line lands in `traces` with the invocation's id and operation id), and the
metrics as OpenTelemetry instruments, exported to Application Insights' `customMetrics` by the
Azure Monitor distro (azure_monitor.py) every minute.

The line has the keys of Powertools' lines on Lambda (level, message, timestamp, service, then
the fields), so one query reads both clouds' logs.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

from opentelemetry.metrics import Counter, Histogram, MeterProvider

from application.ports.telemetry import Field, LogEvent, Metric, Metrics, Telemetry, Unit, line

UNITS = {Unit.COUNT: "1", Unit.MILLISECONDS: "ms"}  # UCUM, as OpenTelemetry names units


class OpenTelemetryTelemetry(Telemetry):
    def __init__(self, meter_provider: MeterProvider, logger: logging.Logger, service: str) -> None:
        meter = meter_provider.get_meter("pawtrack")
        self._logger, self._service = logger, service
        self._counters: dict[Metric, Counter] = {}
        self._histograms: dict[Metric, Histogram] = {}
        for metric in Metric:
            name, unit = instrument_name(metric), UNITS[metric.unit]
            if metric.unit is Unit.COUNT:
                self._counters[metric] = meter.create_counter(name, unit=unit)
            else:
                self._histograms[metric] = meter.create_histogram(name, unit=unit)

    def record(self, event: LogEvent, metrics: Metrics | None = None, **fields: Field) -> None:
        written = {
            "level": "INFO",
            "timestamp": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "service": self._service,
            **line(event, fields),
        }
        self._logger.info(json.dumps(written, separators=(",", ":"), default=str))
        for metric, value in (metrics or {}).items():
            if metric in self._counters:
                self._counters[metric].add(value)
            else:
                self._histograms[metric].record(value)


def instrument_name(metric: Metric) -> str:
    """`ReadingsAccepted` → `pawtrack.readings_accepted`, its name in `customMetrics`."""
    return f"pawtrack.{metric.snake_name}"


def function_logger() -> logging.Logger:
    """The logger of the lines: at INFO whatever the root's level, for the worker to forward
    (host.json's logLevel then decides what reaches Application Insights)."""
    logger = logging.getLogger("pawtrack.telemetry")
    logger.setLevel(logging.INFO)
    return logger
