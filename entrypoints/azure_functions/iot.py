"""IoT Hub's device telemetry, read from its built-in Event Hub-compatible endpoint.

A batch (cardinality many) holds messages of many devices; each stands alone, as a delivery
of the device IoT Hub authenticated (the system property `iothub-connection-device-id`).
Nobody hears the answer, so a delivery refused as a whole (a bad serial, too many readings)
is logged and reported as rejection 0 by the use case: retrying would not make it valid. Any
other error raises, so the retry policy runs the batch again; recording is idempotent, so its
deliveries already made count once.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import azure.functions as func

from application.use_cases.record_readings import RecordReadingsCommand
from domain.readings import DeliveryReport
from entrypoints.azure_functions import runtime
from entrypoints.azure_functions.blueprints import blueprint as new_blueprint
from entrypoints.azure_functions.tracing import NO_CONTEXT, invocation

blueprint = new_blueprint()
DEVICE_ID = "connection-device-id"  # `iothub-connection-device-id`, prefix dropped by the library


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


def record(
    record_readings: Callable[[RecordReadingsCommand], DeliveryReport], message: IotHubMessage
) -> DeliveryReport:
    return record_readings(
        RecordReadingsCommand(message.device_id, message.readings, answered=False)
    )


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
    record_readings = runtime.container().record_readings()
    with invocation("iot_readings", context):
        for event in events:
            record(record_readings, IotHubMessage(event))
