"""The Azure Monitor OpenTelemetry distro, set up once per worker process, on first use.

`configure_azure_monitor` installs the process's meter and tracer providers, exporting to the
Application Insights resource of the connection string. Logs are left to the Functions host
(`disable_logging`: the worker already forwards every log record, so the distro's own log
exporter would send each line twice); live metrics and the instrumentations of libraries
Pawtrack does not use are off. Without a connection string (a laptop, the tests) nothing is
configured and the providers stay OpenTelemetry's no-op ones, or a test's own.

Cost: importing the distro and configuring it took 0.55 s on the development machine (0.32 s
import, 0.24 s configure), once per worker: see ARCHITECTURE.md, "Telemetry".
"""

from __future__ import annotations

import threading

from opentelemetry import metrics
from opentelemetry.metrics import MeterProvider

_configured: list[str] = []
_lock = threading.Lock()
UNUSED = ("django", "fastapi", "flask", "psycopg2", "requests", "urllib", "urllib3")


def meter_provider(connection_string: str | None) -> MeterProvider:
    if connection_string:
        with _lock:
            if not _configured:
                from azure.monitor.opentelemetry import configure_azure_monitor

                configure_azure_monitor(
                    connection_string=connection_string,
                    disable_logging=True,
                    enable_live_metrics=False,
                    instrumentation_options={name: {"enabled": False} for name in UNUSED},
                )
                _configured.append(connection_string)
    return metrics.get_meter_provider()
