"""What owners are told: goals reached, batteries low, activity moving. Past-tense events."""

from __future__ import annotations

import enum
from datetime import date, datetime

import attrs

from domain.values import choice


class Platform(enum.Enum):
    IOS = "ios"
    ANDROID = "android"

    @classmethod
    def parse(cls, value: object) -> Platform:
        return choice(cls, value, "platform")


@attrs.frozen
class Phone:
    """A phone an owner registered for push notifications. `name` is unique per owner."""

    owner_id: str
    name: str
    platform: Platform
    device_token: str


def goal_key(pet_id: str, day: date) -> str:
    """The announcement log's key of the pet's goal on that day: announced once."""
    return f"goal:{pet_id}:{day.isoformat()}"


def battery_key(tracker: str, since: str) -> str:
    """The key of the low-battery episode that began at `since` (a formatted instant)."""
    return f"battery:{tracker}:{since}"


@attrs.frozen
class GoalReached:
    owner_id: str
    pet_id: str
    pet_name: str
    day: date
    goal: int

    @property
    def once_key(self) -> str:
        return goal_key(self.pet_id, self.day)

    @property
    def message(self) -> str:
        return f"{self.pet_name} reached the daily goal of {self.goal} steps"


@attrs.frozen
class BatteryLow:
    owner_id: str
    pet_id: str
    pet_name: str
    tracker: str
    percent: int
    since: str

    @property
    def once_key(self) -> str:
        return battery_key(self.tracker, self.since)

    @property
    def message(self) -> str:
        return f"The tracker of {self.pet_name} needs charging ({self.percent}% left)"


def zone_key(pet_id: str, left_at: str) -> str:
    """The key of the excursion out of the pet's safe zone that began at `left_at` (a formatted
    instant): announced once."""
    return f"zone:{pet_id}:{left_at}"


FIRST_POSITION = "-"  # `inside_at` of an excursion that began at the pet's first position


def zone_exit_key(pet_id: str, inside_at: str) -> str:
    """The key of leaving the zone after the position inside it at `inside_at` (or after none:
    FIRST_POSITION). Two deliveries recorded at once both judge from the same newest position
    and may each see a departure at a position of their own: the pet left once, from there."""
    return f"zone-exit:{pet_id}:{inside_at}"


@attrs.frozen
class LeftSafeZone:
    owner_id: str
    pet_id: str
    pet_name: str
    left_at: str
    # The time of the position inside the zone the pet left from (FIRST_POSITION: it had none).
    inside_at: str = FIRST_POSITION

    @property
    def once_key(self) -> str:
        return zone_key(self.pet_id, self.left_at)

    @property
    def exit_key(self) -> str:
        return zone_exit_key(self.pet_id, self.inside_at)

    @property
    def message(self) -> str:
        return f"{self.pet_name} left the safe zone"


@attrs.frozen
class ActivityUpdated:
    """Sent live to the owner's open connections as `activity-updated`."""

    owner_id: str
    pet_id: str
    day: date
    steps: int
    # The pet's newest position the delivery brought, if any (`located_at`: its time).
    located_at: str | None = None
    latitude: float | None = None
    longitude: float | None = None

    def payload(self) -> dict[str, object]:
        found: dict[str, object] = {
            "type": "activity-updated",
            "pet_id": self.pet_id,
            "day": self.day.isoformat(),
            "steps": self.steps,
        }
        if self.located_at is not None:
            found["position"] = {
                "time": self.located_at,
                "latitude": self.latitude,
                "longitude": self.longitude,
            }
        return found


Announcement = GoalReached | BatteryLow | LeftSafeZone


@attrs.frozen
class PushMessage:
    """A push notification as it went to one phone."""

    owner_id: str
    phone: str
    platform: Platform
    text: str
    # When it went (where an outbox keeps it): not part of what the phone shows.
    sent_at: datetime | None = attrs.field(default=None, eq=False)
