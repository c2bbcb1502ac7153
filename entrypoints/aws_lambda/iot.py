"""IoT Core's topic rule `SELECT *, topic(3) AS tracker FROM 'pawtrack/trackers/+/readings'`.

IoT invokes asynchronously and ignores the answer (tests read it). A delivery refused as a
whole (a bad serial, too many readings) is logged and reported as rejection 0, as a bundle
that cannot be read is: retrying would not make it valid. Any other error raises, so that
Lambda retries the delivery.
"""

from __future__ import annotations

import logging
from typing import Any

from application.use_cases.record_readings import RecordReadingsCommand
from domain.errors import InvalidInput
from domain.readings import DeliveryReport, Rejection
from entrypoints.aws_lambda import runtime
from entrypoints.aws_lambda.events_data import Event, IotDelivery
from entrypoints.http.bundles import report_view

log = logging.getLogger(__name__)


def handler(event: Event, context: object) -> dict[str, Any]:
    delivery = IotDelivery(event)
    command = RecordReadingsCommand(delivery.tracker, delivery.readings)
    try:
        report = runtime.container().record_readings()(command)
    except InvalidInput as error:
        log.warning("refused a delivery from %r: %s", delivery.tracker, error.detail)
        report = DeliveryReport(rejected=(Rejection(0, error.field, error.detail),))
    return report_view(report, "position")
