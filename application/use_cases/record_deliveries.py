from __future__ import annotations

from collections.abc import Sequence

import attrs

from application import tracing
from application.delivery_telemetry import refused_whole, stored
from application.intake import Failed, ReadingIntake
from application.ports.clock import Clock
from application.ports.telemetry import Telemetry
from application.tally import Delivery
from application.use_cases.record_readings import RecordReadingsCommand, read_delivery
from domain.errors import InvalidInput
from domain.readings import DeliveryReport


@attrs.frozen
class RecordDeliveriesCommand:
    """Many trackers' deliveries at once, as a queue or a stream hands them on (nobody hears the
    answers: each is RecordReadingsCommand(answered=False))."""

    deliveries: Sequence[RecordReadingsCommand]


class RecordDeliveries:
    """Records a batch of deliveries together: each tracker's readings are grouped by pet-day and
    each group written once. Returns what became of each delivery, in order: a report, or
    Failed when a store failed (the delivery should come again). Each delivery recorded or
    refused is told in its own line, naming its tracker, pet and owner."""

    def __init__(self, intake: ReadingIntake, clock: Clock, telemetry: Telemetry) -> None:
        self._intake, self._clock, self._telemetry = intake, clock, telemetry

    def __call__(self, command: RecordDeliveriesCommand) -> list[DeliveryReport | Failed]:
        now = self._clock.now()
        outcomes: list[DeliveryReport | Failed] = []
        valid: list[tuple[int, Delivery]] = []
        for index, sent in enumerate(command.deliveries):
            try:
                valid.append((index, read_delivery(sent.tracker, sent.readings, now)))
                outcomes.append(DeliveryReport())
            except InvalidInput as error:
                outcomes.append(refused_whole(self._telemetry, error))
        taken = self._intake.take_all([delivery for _, delivery in valid])
        stored_at = self._clock.now()
        for (index, delivery), found in zip(valid, taken, strict=True):
            outcomes[index] = found.outcome
            if isinstance(found.outcome, DeliveryReport):
                with tracing.concerning(**found.ids):
                    stored(self._telemetry, found.outcome, delivery.readings, stored_at)
        return outcomes
