"""What telemetry adds to a cold start, measured in fresh processes (median of N runs):

    python -m bench.telemetry_cost [runs]

Each run imports what the function imports before its first line is written (its handler, the
wiring), then times importing and building the provider's telemetry adapter and writing one line
with metrics: Powertools (Lambda), the Azure Monitor distro and OpenTelemetry (Azure Functions;
the distro configured with a connection string to a closed port of 127.0.0.1, so nothing leaves
the machine), Prometheus (the local server). Prints one JSON object: milliseconds per provider.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys

# What a cold start imports anyway before the telemetry adapter (the wiring module imports the
# adapter itself, so it stands for the wiring here: its SDK and another adapter).
BEFORE = {
    "aws": "import entrypoints.aws_lambda.http, dependency_injector, adapters.aws.dynamodb_pets",
    "azure": (
        "import entrypoints.azure_functions.function_app, dependency_injector, "
        "adapters.azure.table_pets"
    ),
    "azure-tracing-api": "import azure.functions, dependency_injector",
    "local": "import entrypoints.local.asgi, dependency_injector, adapters.local.sqlite_pets",
}
MEASURED = {
    "aws": (
        "import io\n"
        "from adapters.aws.powertools_telemetry import PowertoolsTelemetry\n"
        "t = PowertoolsTelemetry(io.StringIO(), 'pawtrack-bench', 'Pawtrack')\n"
    ),
    "azure": (
        "import logging\n"
        "from adapters.azure.azure_monitor import meter_provider\n"
        "from adapters.azure.opentelemetry_telemetry import OpenTelemetryTelemetry\n"
        "cs = 'InstrumentationKey=00000000-0000-0000-0000-000000000000;"
        "IngestionEndpoint=http://127.0.0.1:9/'\n"
        "t = OpenTelemetryTelemetry(meter_provider(cs), logging.Logger('bench'), 'pawtrack-bench')\n"
    ),
    "local": (
        "import io\n"
        "from adapters.local.prometheus_telemetry import PrometheusTelemetry\n"
        "t = PrometheusTelemetry(io.StringIO(), 'pawtrack-bench')\n"
    ),
    # The OpenTelemetry API the Azure functions import for their spans (entrypoints/
    # azure_functions/tracing.py), before any telemetry adapter.
    "azure-tracing-api": "import entrypoints.azure_functions.tracing\n",
}
RECORD = (
    "from application.ports.telemetry import LogEvent, Metric\n"
    "t.record(LogEvent.DELIVERY_STORED, {Metric.READINGS_ACCEPTED: 1, Metric.INGEST_LAG: 5}, accepted=1)\n"
)
CHILD = """
import time
{before}
started = time.perf_counter()
{measured}{record}
print((time.perf_counter() - started) * 1000)
"""


def once(provider: str) -> float:
    record = "" if provider == "azure-tracing-api" else RECORD
    code = CHILD.format(before=BEFORE[provider], measured=MEASURED[provider], record=record)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return float(done.stdout.strip().splitlines()[-1])


def main(runs: int = 7) -> None:
    medians = {p: round(statistics.median(once(p) for _ in range(runs)), 1) for p in MEASURED}
    print(json.dumps({"runs": runs, "median_ms": medians}))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
