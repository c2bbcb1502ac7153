"""Contract-test harness: what a telemetry adapter wrote (its lines, parsed) and counted (each
metric's total, read the way its cloud reads it: Prometheus samples, EMF documents, an
OpenTelemetry metric reader)."""

from __future__ import annotations

import abc
import io
import logging

from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader

from adapters.aws.powertools_telemetry import PowertoolsTelemetry
from adapters.azure.opentelemetry_telemetry import OpenTelemetryTelemetry
from adapters.local.prometheus_telemetry import PrometheusTelemetry
from application.ports.telemetry import Metric, Telemetry
from tests.support.telemetry import Line, emf_total, opentelemetry_total, parsed, prometheus_total


class TelemetryHarness(abc.ABC):
    telemetry: Telemetry

    @abc.abstractmethod
    def lines(self) -> list[Line]:
        """Every line written so far, parsed, oldest first."""

    @abc.abstractmethod
    def total(self, metric: Metric) -> float:
        """What was added to the metric so far (for the ingest lag: the sum of its values, ms)."""


class PrometheusHarness(TelemetryHarness):
    def __init__(self) -> None:
        self._out = io.StringIO()
        self.telemetry = self._adapter = PrometheusTelemetry(self._out, "pawtrack-test")

    def lines(self) -> list[Line]:
        return parsed(self._out.getvalue())

    def total(self, metric: Metric) -> float:
        return prometheus_total(self._adapter.exposition()[1].decode(), metric)


class PowertoolsHarness(TelemetryHarness):
    def __init__(self) -> None:
        self._out = io.StringIO()
        self.telemetry = PowertoolsTelemetry(self._out, "pawtrack-test", "Pawtrack")

    def lines(self) -> list[Line]:
        return parsed(self._out.getvalue())

    def total(self, metric: Metric) -> float:
        return emf_total(self.lines(), metric)


class OpenTelemetryHarness(TelemetryHarness):
    def __init__(self) -> None:
        self._out = io.StringIO()
        logger = logging.Logger("pawtrack.telemetry.test")
        logger.addHandler(logging.StreamHandler(self._out))
        self.reader = InMemoryMetricReader()
        provider = MeterProvider(metric_readers=[self.reader])
        self.telemetry = OpenTelemetryTelemetry(provider, logger, "pawtrack-test")

    def lines(self) -> list[Line]:
        return parsed(self._out.getvalue())

    def total(self, metric: Metric) -> float:
        return opentelemetry_total(self.reader, metric)
