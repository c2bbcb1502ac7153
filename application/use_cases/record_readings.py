from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import attrs

from application import tracing
from application.delivery_telemetry import refused_whole, stored
from application.intake import ReadingIntake
from application.ports.clock import Clock
from application.ports.telemetry import Telemetry
from application.tally import Delivery, Refused
from domain.errors import InvalidInput
from domain.readings import DeliveryReport, Reading, Rejection, parse_reading
from domain.trackers import checked_serial

MAX_READINGS_PER_DELIVERY = 1000


@attrs.frozen
class RecordReadingsCommand:
    """A delivery from a tracker: its serial and its readings as sent (MQTT packet or HTTP body).

    `answered`: whether the sender hears the answer. An answered delivery (HTTP) refused as a
    whole, for a bad serial or too many readings, raises InvalidInput for the sender to hear.
    An unanswered one (IoT Core's rule, IoT Hub's telemetry) is logged and reported as rejection
    0 instead, and told in one `delivery-refused` line, as a bundle that cannot be read is:
    retrying it would not make it valid.
    """

    tracker: str
    readings: Sequence[object]
    answered: bool = True


class RecordReadings:
    """Validates each reading on its own; valid ones count once, refused ones are kept with their reason."""

    def __init__(self, intake: ReadingIntake, clock: Clock, telemetry: Telemetry) -> None:
        self._intake, self._clock, self._telemetry = intake, clock, telemetry

    def __call__(self, command: RecordReadingsCommand) -> DeliveryReport:
        try:
            delivery = read_delivery(command.tracker, command.readings, self._clock.now())
        except InvalidInput as error:
            if command.answered:
                raise
            return refused_whole(self._telemetry, error)
        tracing.annotate(tracker_id=delivery.serial)
        report = self._intake.take(
            delivery.serial, delivery.readings, delivery.refused, delivery.origin
        )
        stored(self._telemetry, report, delivery.readings, self._clock.now())
        return report


def read_delivery(tracker: str, raws: Sequence[object], now: datetime) -> Delivery:
    """The delivery's valid readings and refused ones, each judged on its own; InvalidInput when
    the delivery is refused as a whole (a bad serial, too many readings)."""
    serial = checked_serial(tracker)
    if len(raws) > MAX_READINGS_PER_DELIVERY:
        raise InvalidInput("readings", f"at most {MAX_READINGS_PER_DELIVERY} readings per delivery")
    readings: list[Reading] = []
    refused: list[Refused] = []
    for position, raw in enumerate(raws, start=1):
        try:
            readings.append(parse_reading(serial, raw, now))
        except InvalidInput as error:
            refused.append((Rejection(position, error.field, error.detail), raw))
    return Delivery(serial, tuple(readings), tuple(refused))
