"""Reading telemetry back as each cloud reads it: lines parsed from what was written,
Prometheus samples, EMF documents, an OpenTelemetry metric reader."""

from __future__ import annotations

import json
from typing import Any

from opentelemetry import trace
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from prometheus_client.parser import text_string_to_metric_families

from adapters.azure.opentelemetry_telemetry import instrument_name
from adapters.local.prometheus_telemetry import prometheus_name
from application.ports.telemetry import Metric

Line = dict[str, Any]
_spans: list[InMemorySpanExporter] = []


def parsed(text: str) -> list[Line]:
    """One JSON document per line (a line that is not one fails the test)."""
    return [json.loads(written) for written in text.splitlines() if written.strip()]


def prometheus_total(exposition: str, metric: Metric) -> float:
    """A counter's `_total`, or the ingest lag histogram's `_sum` (seconds, given in ms)."""
    wanted = prometheus_name(metric)
    if metric is Metric.INGEST_LAG:
        wanted, sample_name, scale = "pawtrack_ingest_lag_seconds", "_sum", 1000.0
    else:
        sample_name, scale = "_total", 1.0
    for family in text_string_to_metric_families(exposition):
        for sample in family.samples:
            if sample.name == wanted + sample_name:
                return float(sample.value) * scale
    return 0.0


def emf_total(lines: list[Line], metric: Metric) -> float:
    """The sum of the metric's values in the lines that are EMF documents declaring it, as
    CloudWatch Logs would extract them."""
    found = 0.0
    for line in lines:
        declared = [
            definition["Name"]
            for directive in line.get("_aws", {}).get("CloudWatchMetrics", [])
            for definition in directive["Metrics"]
        ]
        if metric.value in declared:
            values = line[metric.value]
            found += sum(values) if isinstance(values, list) else values
    return found


def opentelemetry_total(reader: InMemoryMetricReader, metric: Metric) -> float:
    """A counter's sum, or the lag histogram's sum, as the reader collects them now."""
    data = reader.get_metrics_data()
    found = 0.0
    for resource in data.resource_metrics if data else []:
        for scope in resource.scope_metrics:
            for collected in scope.metrics:
                if collected.name == instrument_name(metric):
                    for point in collected.data.data_points:
                        found += float(getattr(point, "value", None) or getattr(point, "sum", 0))
    return found


def prometheus_totals(exposition: str) -> dict[str, float]:
    return {metric.value: prometheus_total(exposition, metric) for metric in Metric}


def emf_totals(lines: list[Line]) -> dict[str, float]:
    return {metric.value: emf_total(lines, metric) for metric in Metric}


def opentelemetry_totals(reader: InMemoryMetricReader) -> dict[str, float]:
    return {metric.value: opentelemetry_total(reader, metric) for metric in Metric}


def span_exporter() -> InMemorySpanExporter:
    """The spans of this test process: OpenTelemetry takes one tracer provider per process, as
    the Azure Monitor distro installs one per worker; a test reads the spans of its own trace."""
    if not _spans:
        exporter = InMemorySpanExporter()
        provider = TracerProvider()
        provider.add_span_processor(SimpleSpanProcessor(exporter))
        trace.set_tracer_provider(provider)
        _spans.append(exporter)
    return _spans[0]
