from __future__ import annotations

from collections.abc import Sequence

import attrs

from application.ports.clock import Clock
from application.ports.dead_letters import DeadLetter, DeadLetters
from application.ports.telemetry import LogEvent, Telemetry


@attrs.frozen
class KeepUndeliveredCommand:
    """Messages a trigger could not get recorded after its last retry, as they came."""

    source: str
    reason: str
    payloads: Sequence[bytes]


class KeepUndelivered:
    """Keeps messages that could not be recorded, for an operator to replay; raises when they
    could not be kept either, so that the trigger does not let them go."""

    def __init__(self, dead_letters: DeadLetters, clock: Clock, telemetry: Telemetry) -> None:
        self._dead_letters, self._clock, self._telemetry = dead_letters, clock, telemetry

    def __call__(self, command: KeepUndeliveredCommand) -> str:
        letter = DeadLetter(
            command.source, command.reason, self._clock.now(), tuple(command.payloads)
        )
        kept = self._dead_letters.keep(letter)
        self._telemetry.record(
            LogEvent.DELIVERIES_PARKED,
            source=command.source,
            reason=command.reason,
            count=len(command.payloads),
            kept_as=kept,
        )
        return kept
