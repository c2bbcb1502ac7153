from __future__ import annotations

import abc

import attrs

from domain.announcements import ActivityUpdated, BatteryLow, GoalReached, LeftSafeZone

DomainEvent = GoalReached | BatteryLow | LeftSafeZone | ActivityUpdated


@attrs.frozen
class ProcessBundle:
    """A job: read the uploaded bundle and record its readings."""

    bundle_id: str


@attrs.frozen
class ExportAccount:
    """A job: write the owner's export `export_id` and say that it is ready."""

    owner_id: str
    export_id: str


Job = ProcessBundle | ExportAccount


class EventPublisher(abc.ABC):
    @abc.abstractmethod
    def publish(self, event: DomainEvent) -> None:
        """Hand the event to its subscribers, at least once. Raises when it could not be handed on."""


class JobQueue(abc.ABC):
    @abc.abstractmethod
    def enqueue(self, job: Job) -> None:
        """Queue the job to run at least once. Raises when it could not be queued."""
