"""Telemetry on Lambda with Powertools for AWS Lambda: one JSON line per event, written by
Powertools' Logger formatter (level, location, message, timestamp, service, xray_trace_id, then
the fields), which is also a CloudWatch Embedded Metric Format document when the event counts
something: Powertools Metrics serialises the event's metrics into the same line (`_aws`, the
metric values, the `service` dimension). CloudWatch Logs extracts the metrics from the log
group; no API call is made per metric, nor per invocation.

The formatter runs on a logger of this adapter's own, not on `Logger(service=...)`: Powertools'
Logger configures the process-wide logger of its service name once, so a second one (a test's,
with its own stream) would write to the first one's stream.
"""

from __future__ import annotations

import contextlib
import logging
from typing import TextIO

from aws_lambda_powertools.logging.formatter import LambdaPowertoolsFormatter
from aws_lambda_powertools.metrics import EphemeralMetrics

from application.ports.telemetry import Field, LogEvent, Metrics, Telemetry, line


class PowertoolsTelemetry(Telemetry):
    def __init__(self, stream: TextIO, service: str, namespace: str) -> None:
        self._service, self._namespace = service, namespace
        handler = logging.StreamHandler(stream)
        handler.setFormatter(LambdaPowertoolsFormatter(use_rfc3339=True, service=service))
        self._logger = logging.Logger(f"{service}.telemetry")  # unregistered: no global state
        self._logger.addHandler(handler)

    def record(self, event: LogEvent, metrics: Metrics | None = None, **fields: Field) -> None:
        written: dict[str, object] = dict(line(event, fields))
        message = str(written.pop("message"))
        if metrics:
            written.update(self._embedded(metrics))
        self._logger.info(message, extra=written)

    def _embedded(self, metrics: Metrics) -> dict[str, object]:
        """The EMF part of the line: `_aws` (namespace, `service` dimension, units), values."""
        emf = EphemeralMetrics(namespace=self._namespace, service=self._service)
        for metric, value in metrics.items():
            emf.add_metric(name=metric.value, unit=metric.unit.value, value=value)
        with contextlib.suppress(Exception):  # telemetry never fails the work it describes
            return dict(emf.serialize_metric_set())
        return {}
