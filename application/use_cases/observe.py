from __future__ import annotations

import attrs

from application.messages.jobs import MAX_JOB_ATTEMPTS
from application.ports.telemetry import LogEvent, Metric, Telemetry


@attrs.frozen
class RequestServed:
    """An HTTP request answered: its route ("GET /pets/{pet_id}"), status and duration."""

    route: str
    status: int
    duration_ms: float


@attrs.frozen
class JobFailed:
    """The queue message `message_id`'s job failed on its `attempt`-th delivery, for `reason`
    (an error's kind, and what it said when it was expected)."""

    message_id: str
    attempt: int
    reason: str


Observation = RequestServed | JobFailed


class Observe:
    """What an entrypoint saw of its trigger, told as the core tells its own events: a failed
    job is retried by its queue, or dead-lettered once it failed MAX_JOB_ATTEMPTS times."""

    def __init__(self, telemetry: Telemetry) -> None:
        self._telemetry = telemetry

    def __call__(self, observation: Observation) -> None:
        if isinstance(observation, RequestServed):
            self._telemetry.record(
                LogEvent.REQUEST_SERVED,
                route=observation.route,
                status=observation.status,
                duration_ms=round(observation.duration_ms, 3),
            )
            return
        last = observation.attempt >= MAX_JOB_ATTEMPTS
        event = LogEvent.JOB_DEAD_LETTERED if last else LogEvent.JOB_RETRIED
        metric = Metric.JOBS_DEAD_LETTERED if last else Metric.JOB_RETRIES
        self._telemetry.record(
            event,
            {metric: 1},
            message_id=observation.message_id,
            attempt=observation.attempt,
            reason=observation.reason,
        )
