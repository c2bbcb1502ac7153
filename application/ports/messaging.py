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


class JobQueue(abc.ABC):
    @abc.abstractmethod
    def enqueue(self, job: Job) -> None:
        """Queue the job to run at least once (not before its delay, for a webhook message).
        Raises when it could not be queued."""
