"""The readings queue's consumer. Trackers publish MQTT packets to their Basic Ingest topic
(`$aws/rules/<rule>/pawtrack/trackers/<serial>/readings`); the rule
`SELECT *, topic(3) AS tracker` sends each to the readings queue, and the event source mapping
hands this function batches of them (batch size and batching window per stage, template.yaml).

The batch is recorded at once (RecordDeliveries: each tracker's readings grouped by pet-day,
each group written once). A packet whose readings could not all be stored (a store failed) is
named in `batchItemFailures` and comes back after the queue's visibility timeout (what it
stored counts once), until maxReceiveCount moves it to the dead-letter queue; the others are
deleted. A body that is not the rule's JSON, or names no valid serial, is refused whole: a
`delivery-refused` line, rejection 0 in its report, and it is not retried (retrying would not
make it readable). A record without a message id, or an event that is not SQS's, is logged and
answers no failures. The answer also carries each packet's report under `reports` (tests and
logs read it; the event source mapping reads `batchItemFailures` only).

The batch runs in one trace, named after the invocation's X-Ray trace (the packets carry none of
their own: IoT Core's rule starts no trace): every line of it, and the events it publishes,
carry that correlation id, and each line names its delivery's tracker, pet and owner.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from application.intake import Failed
from application.use_cases.record_deliveries import RecordDeliveriesCommand
from application.use_cases.record_readings import RecordReadingsCommand
from entrypoints.aws_lambda import runtime
from entrypoints.aws_lambda.events_data import Event, IotDelivery
from entrypoints.aws_lambda.tracing import traced
from entrypoints.http.bundles import report_view

log = logging.getLogger(__name__)


@traced
def handler(event: Event, context: object) -> dict[str, Any]:
    records = _records(event)
    commands = [_command(record.get("body")) for record in records]
    outcomes = runtime.container().record_deliveries()(RecordDeliveriesCommand(commands))
    failed, reports = [], {}
    for record, outcome in zip(records, outcomes, strict=True):
        if isinstance(outcome, Failed):
            failed.append({"itemIdentifier": record["messageId"]})
        else:
            reports[record["messageId"]] = report_view(outcome, "position")
    return {"batchItemFailures": failed, "reports": reports}


def _records(event: Event) -> list[dict[str, Any]]:
    """The event's SQS records that can be answered for (they have a message id)."""
    records = event.get("Records") if isinstance(event, dict) else None
    if not isinstance(records, list):
        log.error("not an SQS event (no Records list): ignored")
        return []
    usable = [r for r in records if isinstance(r, dict) and isinstance(r.get("messageId"), str)]
    if len(usable) < len(records):
        log.error("%d SQS records without a message id: ignored", len(records) - len(usable))
    return usable


def _command(body: object) -> RecordReadingsCommand:
    """The packet the rule sent; a body that is not its JSON object is one reading to refuse."""
    try:
        raw = json.loads(body) if isinstance(body, str) else None
    except ValueError:
        raw = None
    if not isinstance(raw, dict):
        return RecordReadingsCommand("", [body], answered=False)
    delivery = IotDelivery(raw)
    return RecordReadingsCommand(delivery.tracker, delivery.readings, answered=False)
