"""IoT Hub's device telemetry, read from its built-in Event Hub-compatible endpoint.

A batch (cardinality many; host.json's eventHubs settings, per stage through app settings,
size it and say how long the host waits to fill it) holds messages of many devices; each is a
delivery of the device IoT Hub authenticated (`iothub-connection-device-id`), and the batch is
recorded at once (RecordDeliveries). Nobody hears the answer: a delivery refused as a whole (a
bad serial, too many readings) is told in a `delivery-refused` line and reported as rejection 0:
retrying would not make it valid. When a store fails, the function raises and the retry policy runs the whole batch
again (recording is idempotent: what was stored counts once); on the last try the messages
that still could not be recorded are kept in the poison container (KeepUndelivered) before
the function returns (a `deliveries-parked` line), because Event Hubs has no dead-letter queue
and the host checkpoints and moves on after its last try. If they cannot be kept either, the
function raises. The batch runs in one trace: its lines name each delivery's tracker, pet and owner.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Sequence

import azure.functions as func

from application.intake import Failed
from application.use_cases.keep_undelivered import KeepUndeliveredCommand
from application.use_cases.record_deliveries import RecordDeliveriesCommand
from application.use_cases.record_readings import RecordReadingsCommand
from domain.readings import DeliveryReport
from entrypoints.azure_functions import runtime
from entrypoints.azure_functions.blueprints import blueprint as new_blueprint
from entrypoints.azure_functions.tracing import NO_CONTEXT, invocation

blueprint = new_blueprint()
DEVICE_ID = "connection-device-id"  # `iothub-connection-device-id`, prefix dropped by the library
SOURCE = "iot-hub"
Outcomes = list[DeliveryReport | Failed]


class IotHubMessage:
    """One device-to-cloud message: `{"readings": [...]}`, or one reading on its own."""

    def __init__(self, event: func.EventHubEvent) -> None:
        self._event = event

    @property
    def device_id(self) -> str:
        """As IoT Hub set it ("" if none): the use case checks that it is a serial."""
        return str((self._event.iothub_metadata or {}).get(DEVICE_ID) or "")

    @property
    def readings(self) -> list[object]:
        """As sent: the domain judges each one; a body that is no JSON is one reading to judge."""
        try:
            body = json.loads(self._event.get_body())
        except ValueError:
            return [self._event.get_body().decode("utf-8", "replace")]
        if not isinstance(body, dict) or "readings" not in body:
            return [body]
        readings = body["readings"]
        return readings if isinstance(readings, list) else [readings]

    def kept(self) -> bytes:
        """The message as the poison container keeps it: the device and the body as it came."""
        body = base64.b64encode(self._event.get_body()).decode("ascii")
        return json.dumps({"device_id": self.device_id, "body_base64": body}).encode()


def record_all(
    record_deliveries: Callable[[RecordDeliveriesCommand], Outcomes],
    messages: Sequence[IotHubMessage],
) -> Outcomes:
    commands = [RecordReadingsCommand(m.device_id, m.readings, answered=False) for m in messages]
    return record_deliveries(RecordDeliveriesCommand(commands))


@blueprint.function_name("iot_readings")
@blueprint.retry(
    strategy="exponential_backoff",
    max_retry_count="5",
    minimum_interval="00:00:02",
    maximum_interval="00:01:00",
)
@blueprint.event_hub_message_trigger(
    arg_name="events",
    event_hub_name="%PAWTRACK_IOT_EVENTHUB%",
    connection="PAWTRACK_IOT_CONNECTION",
    consumer_group="%PAWTRACK_IOT_CONSUMER_GROUP%",
    cardinality=func.Cardinality.MANY,
)
def readings_arrived(events: list[func.EventHubEvent], context: func.Context = NO_CONTEXT) -> None:
    container = runtime.container()
    with invocation("iot_readings", context):
        messages = [IotHubMessage(event) for event in events]
        outcomes = record_all(container.record_deliveries(), messages)
        failed = [(m, o) for m, o in zip(messages, outcomes, strict=True) if isinstance(o, Failed)]
        if not failed:
            return
        error = failed[0][1].error
        if not _last_try(context):
            raise error
        command = KeepUndeliveredCommand(SOURCE, repr(error), [m.kept() for m, _ in failed])
        container.keep_undelivered()(command)


def _last_try(context: func.Context | None) -> bool:
    """Whether the retry policy runs the batch no more (none: there is no policy)."""
    retry = getattr(context, "retry_context", None)
    return retry is None or retry.retry_count >= retry.max_retry_count
