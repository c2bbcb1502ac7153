from __future__ import annotations

import abc

import attrs

from domain.announcements import ActivityUpdated, BatteryLow, GoalReached, LeftSafeZone
from domain.apps import WebhookMessage

DomainEvent = GoalReached | BatteryLow | LeftSafeZone | ActivityUpdated


@attrs.frozen
class ProcessBundle:
    """A job: read the uploaded bundle and record its readings."""

    bundle_id: str


@attrs.frozen
class DeliverWebhook:
    """A job: deliver one message to an app's endpoint (again, after `delay_seconds`)."""

    message: WebhookMessage
    delay_seconds: int = 0


@attrs.frozen
class ApprovalWaiting:
    """A job a workflow queues: it waits for a decision on the request, which must carry
    `token` (Step Functions' task token)."""

    request_id: str
    token: str


@attrs.frozen
class ExportAccount:
    """A job: write the owner's export `export_id` and say that it is ready."""

    owner_id: str
    export_id: str


Job = ProcessBundle | ExportAccount | DeliverWebhook | ApprovalWaiting


class EventPublisher(abc.ABC):
    @abc.abstractmethod
    def publish(self, event: DomainEvent) -> None:
        """Hand the event to its subscribers, at least once. Raises when it could not be handed on."""


@attrs.frozen
class DueJobFailure:
    """A delayed job that failed when its time came: `job_id`'s `attempt`-th run, for `reason`."""

    job_id: str
    attempt: int
    reason: str


class JobQueue(abc.ABC):
    @abc.abstractmethod
    def enqueue(self, job: Job) -> None:
        """Queue the job to run at least once (not before its delay, for a webhook message).
        Raises when it could not be queued."""

    def run_due(self) -> list[DueJobFailure]:
        """Run the delayed jobs whose time has come, where the queue keeps them itself (a
        laptop's); the failures. A broker holds delayed messages back on its own (SQS's
        DelaySeconds, a Storage Queue message's visibility timeout): nothing to run here."""
        return []
