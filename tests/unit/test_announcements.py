"""What owners are told, word for word, and the keys that make each announcement once."""

from __future__ import annotations

from datetime import date

import pytest

from domain.announcements import ActivityUpdated, BatteryLow, GoalReached, Platform
from domain.errors import InvalidInput

DAY = date(2026, 11, 21)


def test_goal_reached_is_announced_once_per_pet_and_day() -> None:
    event = GoalReached("alice", "rex-id", "Rex", DAY, 8000)
    assert event.message == "Rex reached the daily goal of 8000 steps"
    assert event.once_key == "goal:rex-id:2026-11-21"
    assert GoalReached("alice", "rex-id", "Rex", DAY, 9000).once_key == event.once_key


def test_battery_low_is_announced_once_per_episode() -> None:
    event = BatteryLow("alice", "rex-id", "Rex", "TRK-001", 14, "2026-11-21T06:00:00Z")
    assert event.message == "The tracker of Rex needs charging (14% left)"
    assert event.once_key == "battery:TRK-001:2026-11-21T06:00:00Z"


def test_live_updates_carry_pet_day_and_steps() -> None:
    assert ActivityUpdated("alice", "rex-id", DAY, 1200).payload() == {
        "type": "activity-updated",
        "pet_id": "rex-id",
        "day": "2026-11-21",
        "steps": 1200,
    }


def test_phones_are_ios_or_android() -> None:
    assert Platform.parse("ios") is Platform.IOS
    assert Platform.parse("android") is Platform.ANDROID
    with pytest.raises(InvalidInput) as error:
        Platform.parse("windows-phone")
    assert error.value.field == "platform"
