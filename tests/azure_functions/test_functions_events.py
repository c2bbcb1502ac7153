"""Event Grid's subscription to Pawtrack's topic: a domain event, announced to its owner."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import azure.functions as func
import pytest

from application.use_cases.register_phone import RegisterPhoneCommand
from domain.access import Caller
from entrypoints.azure_functions.events import announce
from entrypoints.triggers import DeliveryFailed
from entrypoints.wiring import Container

from .conftest import provide

GOAL_REACHED = {
    "owner_id": "alice",
    "pet_id": "8b3e6c1d2f4a4e0b9c7d5a1f3e2b6c4d",
    "pet_name": "Rex",
    "day": "2026-11-21",
    "goal": 8000,
}


def grid_event(event_type: str, data: dict[str, Any]) -> func.EventGridEvent:
    """As the host hands in an event of the custom topic (Event Grid schema), as published."""
    return func.EventGridEvent(
        id="6a7e8feb-b491-4cf7-a9f1-bf3703467718",
        topic="/subscriptions/0000/resourceGroups/pawtrack-dev/providers/Microsoft.EventGrid/topics/pawtrack-dev-events",
        subject=f"pawtrack/pets/{data.get('pet_id')}",
        event_type=event_type,
        event_time=datetime(2026, 11, 21, 10, 0, 5, tzinfo=UTC),
        data_version="1.0",
        data=data,
    )


def with_phone(container: Container, owner: str) -> None:
    command = RegisterPhoneCommand(Caller(owner), "pixel", "android", "fcm-token-1")
    container.register_phone()(command)


def test_a_goal_reached_is_pushed_to_the_owners_phones(container: Container) -> None:
    with_phone(container, "alice")
    announce(grid_event("GoalReached", GOAL_REACHED))
    sent = container.ports.push().sent("alice")
    assert [(m.phone, m.text) for m in sent] == [
        ("pixel", "Rex reached the daily goal of 8000 steps")
    ]


def test_an_activity_update_goes_to_the_live_connections(container: Container) -> None:
    data = {"owner_id": "alice", "pet_id": "rex", "day": "2026-11-21", "steps": 8200}
    announce(grid_event("ActivityUpdated", data))
    assert [update.steps for update in container.ports.live().published] == [8200]


@pytest.mark.parametrize(
    "event_type, data",
    [("PetAdopted", {"owner_id": "alice"}), ("GoalReached", {"owner_id": "alice"})],
    ids=["unknown type", "unreadable data"],
)
def test_an_event_that_cannot_be_read_raises_so_that_it_is_retried_and_dead_lettered(
    container: Container, event_type: str, data: dict[str, Any]
) -> None:
    with_phone(container, "alice")
    with pytest.raises(DeliveryFailed):
        announce(grid_event(event_type, data))
    assert container.ports.push().sent() == []


def test_a_failing_announcement_raises(container: Container) -> None:
    class Down:
        def send(self, phone: object, text: str) -> bool:
            raise ConnectionError("Notification Hubs is unreachable")

    with_phone(container, "alice")
    provide(container, "push", Down())
    with pytest.raises(ConnectionError):
        announce(grid_event("GoalReached", GOAL_REACHED))
