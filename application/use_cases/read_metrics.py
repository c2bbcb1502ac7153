from __future__ import annotations

from application.ports.telemetry import MetricsScrape


class ReadMetrics:
    """The metrics in the Prometheus text format (the local server's `/metrics`): the clouds'
    metrics are read in CloudWatch and Azure Monitor instead."""

    def __init__(self, scrape: MetricsScrape) -> None:
        self._scrape = scrape

    def __call__(self) -> tuple[str, bytes]:
        return self._scrape.exposition()
