from __future__ import annotations

from collections.abc import Sequence

import attrs

from application import tracing
from application.delivery_telemetry import ingest_lag_ms, report_fields, report_metrics
from application.intake import ReadingIntake, Refused
from application.ports.clock import Clock
from application.ports.telemetry import LogEvent, Metric, Telemetry
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
            return self._record(command)
        except InvalidInput as error:
            if command.answered:
                raise
            report = DeliveryReport.refused_whole(error)
            self._telemetry.record(
                LogEvent.DELIVERY_REFUSED,
                report_metrics(report),
                field=error.field,
                reason=error.detail,
            )
            return report

    def _record(self, command: RecordReadingsCommand) -> DeliveryReport:
        serial = checked_serial(command.tracker)
        tracing.annotate(tracker_id=serial)
        if len(command.readings) > MAX_READINGS_PER_DELIVERY:
            raise InvalidInput(
                "readings", f"at most {MAX_READINGS_PER_DELIVERY} readings per delivery"
            )
        now = self._clock.now()
        readings: list[Reading] = []
        refused: list[Refused] = []
        for position, raw in enumerate(command.readings, start=1):
            try:
                readings.append(parse_reading(serial, raw, now))
            except InvalidInput as error:
                refused.append((Rejection(position, error.field, error.detail), raw))
        report = self._intake.take(serial, readings, refused)
        self._observe(report, readings)
        return report

    def _observe(self, report: DeliveryReport, readings: Sequence[Reading]) -> None:
        metrics = report_metrics(report) | {Metric.DELIVERIES_PROCESSED: 1}
        lag = ingest_lag_ms(readings, self._clock.now())
        if lag is not None:
            metrics[Metric.INGEST_LAG] = lag
        self._telemetry.record(LogEvent.DELIVERY_STORED, metrics, **report_fields(report))
