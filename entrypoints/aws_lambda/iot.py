"""IoT Core's topic rule `SELECT *, topic(3) AS tracker FROM 'pawtrack/trackers/+/readings'`.

IoT invokes asynchronously and ignores the answer (tests read it), so the delivery is an
unanswered one: refused as a whole (a bad serial, too many readings), the use case logs it
and reports it as rejection 0, as a bundle that cannot be read is. Any other error raises,
so that Lambda retries the delivery.
"""

from __future__ import annotations

from typing import Any

from application.use_cases.record_readings import RecordReadingsCommand
from entrypoints.aws_lambda import runtime
from entrypoints.aws_lambda.events_data import Event, IotDelivery
from entrypoints.aws_lambda.tracing import traced
from entrypoints.http.bundles import report_view


@traced
def handler(event: Event, context: object) -> dict[str, Any]:
    delivery = IotDelivery(event)
    command = RecordReadingsCommand(delivery.tracker, delivery.readings, answered=False)
    return report_view(runtime.container().record_readings()(command), "position")
