"""EventBridge's rule: a domain event from the bus, announced to its owner's phones."""

from __future__ import annotations

import pytest

from application.use_cases.register_phone import RegisterPhoneCommand
from domain.access import Caller
from entrypoints.aws_lambda.events import handler
from entrypoints.triggers import DeliveryFailed
from entrypoints.wiring import Container

from .conftest import provide, sample


def with_phone(container: Container, owner: str) -> None:
    command = RegisterPhoneCommand(Caller(owner), "pixel", "android", "fcm-token-1")
    container.register_phone()(command)


def test_a_goal_reached_is_pushed_to_the_owners_phones(container: Container) -> None:
    with_phone(container, "alice")
    handler(sample("eventbridge_goal_reached"), None)
    sent = container.ports.push().sent("alice")
    assert [(m.phone, m.text) for m in sent] == [
        ("pixel", "Rex reached the daily goal of 8000 steps")
    ]


def test_an_activity_update_goes_to_the_live_sockets(container: Container) -> None:
    event = sample("eventbridge_goal_reached")
    event["detail-type"] = "ActivityUpdated"
    event["detail"] = {"owner_id": "alice", "pet_id": "rex", "day": "2026-11-21", "steps": 8200}
    handler(event, None)
    assert [update.steps for update in container.ports.live().published] == [8200]


@pytest.mark.parametrize(
    "detail_type, detail",
    [("PetAdopted", {"owner_id": "alice"}), ("GoalReached", {"owner_id": "alice"})],
    ids=["unknown type", "unreadable detail"],
)
def test_an_event_that_cannot_be_read_raises_so_that_it_is_retried_and_kept(
    container: Container, detail_type: str, detail: dict[str, object]
) -> None:
    with_phone(container, "alice")
    event = sample("eventbridge_goal_reached")
    event.update({"detail-type": detail_type, "detail": detail})
    with pytest.raises(DeliveryFailed):
        handler(event, None)
    assert container.ports.push().sent() == []


def test_a_failing_announcement_raises(container: Container) -> None:
    class Down:
        def send(self, phone: object, text: str) -> bool:
            raise ConnectionError("SNS is unreachable")

    with_phone(container, "alice")
    provide(container, "push", Down())
    with pytest.raises(ConnectionError):
        handler(sample("eventbridge_goal_reached"), None)
