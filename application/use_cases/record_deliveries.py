from __future__ import annotations

from collections.abc import Sequence

import attrs

from application.intake import Failed, ReadingIntake
from application.ports.clock import Clock
from application.tally import Delivery
from application.use_cases.record_readings import (
    RecordReadingsCommand,
    read_delivery,
    refused_whole,
)
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
    Failed when a store failed (the delivery should come again)."""

    def __init__(self, intake: ReadingIntake, clock: Clock) -> None:
        self._intake, self._clock = intake, clock

    def __call__(self, command: RecordDeliveriesCommand) -> list[DeliveryReport | Failed]:
        now = self._clock.now()
        outcomes: list[DeliveryReport | Failed] = []
        valid: list[tuple[int, Delivery]] = []
        for index, sent in enumerate(command.deliveries):
            try:
                valid.append((index, read_delivery(sent.tracker, sent.readings, now)))
                outcomes.append(DeliveryReport())
            except InvalidInput as error:
                outcomes.append(refused_whole(attrs.evolve(sent, answered=False), error))
        taken = self._intake.take_all([delivery for _, delivery in valid])
        for (index, _), outcome in zip(valid, taken, strict=True):
            outcomes[index] = outcome
        return outcomes
