from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

import attrs

from application.intake import ReadingIntake
from application.ports.clock import Clock
from application.tally import Delivery, Refused
from domain.errors import InvalidInput
from domain.readings import DeliveryReport, Reading, Rejection, parse_reading
from domain.trackers import checked_serial

MAX_READINGS_PER_DELIVERY = 1000

log = logging.getLogger(__name__)


@attrs.frozen
class RecordReadingsCommand:
    """A delivery from a tracker: its serial and its readings as sent (MQTT packet or HTTP body).

    `answered`: whether the sender hears the answer. An answered delivery (HTTP) refused as a
    whole, for a bad serial or too many readings, raises InvalidInput for the sender to hear.
    An unanswered one (IoT Core's rule, IoT Hub's telemetry) is logged and reported as rejection
    0 instead, as a bundle that cannot be read is: retrying it would not make it valid.
    """

    tracker: str
    readings: Sequence[object]
    answered: bool = True


class RecordReadings:
    """Validates each reading on its own; valid ones count once, refused ones are kept with their reason."""

    def __init__(self, intake: ReadingIntake, clock: Clock) -> None:
        self._intake, self._clock = intake, clock

    def __call__(self, command: RecordReadingsCommand) -> DeliveryReport:
        try:
            delivery = read_delivery(command.tracker, command.readings, self._clock.now())
        except InvalidInput as error:
            return refused_whole(command, error)
        return self._intake.take(
            delivery.serial, delivery.readings, delivery.refused, delivery.origin
        )


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


def refused_whole(command: RecordReadingsCommand, error: InvalidInput) -> DeliveryReport:
    """An answered delivery refused whole raises for the sender; an unanswered one is logged and
    reported as rejection 0."""
    if command.answered:
        raise error
    log.warning("refused a delivery from %r: %s", command.tracker, error.detail)
    return DeliveryReport.refused_whole(error)
