"""The workload: how often each use case happens in a month, from a few numbers and fixed
assumptions (each printed with the estimate)."""

from __future__ import annotations

import math
from typing import Any

import attrs

DAYS_PER_MONTH = 30
MINUTES_PER_DAY = 24 * 60
HOURS_PER_MONTH = 24 * DAYS_PER_MONTH


def _positive(_: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if value <= 0:
        raise ValueError(
            f"{attribute.name.replace('_', ' ')} must be a positive number, not {value}"
        )


@attrs.frozen
class Workload:
    """Trackers send `packets_per_hour` MQTT packets an hour of `readings_per_packet` readings."""

    trackers: int = attrs.field(validator=_positive)
    owners: int = attrs.field(validator=_positive)
    packets_per_hour: float = attrs.field(default=60, validator=_positive)
    readings_per_packet: int = attrs.field(default=1, validator=_positive)
    app_opens_per_day: int = 5
    api_calls_per_open: int = 4
    minutes_open: int = 2
    goal_pushes_per_tracker_day: float = 1.0
    battery_pushes_per_tracker_day: float = 0.1
    bundles_per_tracker_day: float = 0.1
    minutes_per_bundle: int = 60
    bytes_per_reading_json: int = 60
    packet_overhead_bytes: int = 100
    retention_days: int = 90
    bundle_retention_days: int = 30
    peak_share_of_owners_online: float = 0.1

    @property
    def packets(self) -> float:
        return self.trackers * self.packets_per_hour * HOURS_PER_MONTH

    @property
    def readings(self) -> float:
        return self.packets * self.readings_per_packet

    @property
    def readings_per_minute(self) -> float:
        return self.packets_per_hour * self.readings_per_packet / 60

    @property
    def packets_per_second(self) -> float:
        return self.trackers * self.packets_per_hour / 3600

    @property
    def tracker_minutes(self) -> int:
        """Trackers stay connected all month."""
        return self.trackers * MINUTES_PER_DAY * DAYS_PER_MONTH

    @property
    def app_opens(self) -> int:
        return self.owners * self.app_opens_per_day * DAYS_PER_MONTH

    @property
    def open_share(self) -> float:
        """The share of the day an owner has the app open, so receives live updates."""
        return self.app_opens_per_day * self.minutes_open / MINUTES_PER_DAY

    @property
    def live_updates(self) -> float:
        """A packet moves its pet's day, shown live while the owner's app is open."""
        return self.packets * self.open_share

    @property
    def pushes(self) -> float:
        per_day = self.goal_pushes_per_tracker_day + self.battery_pushes_per_tracker_day
        return self.trackers * per_day * DAYS_PER_MONTH

    @property
    def bundles(self) -> float:
        return self.trackers * self.bundles_per_tracker_day * DAYS_PER_MONTH

    @property
    def readings_per_bundle(self) -> int:
        return max(1, round(self.readings_per_minute * self.minutes_per_bundle))

    @property
    def packet_bytes(self) -> int:
        return self.packet_overhead_bytes + self.bytes_per_reading_json * self.readings_per_packet

    @property
    def readings_kept(self) -> float:
        """Readings stored at any time: the last retention_days of them."""
        return self.trackers * self.readings_per_minute * MINUTES_PER_DAY * self.retention_days

    @property
    def bundle_bytes_kept(self) -> float:
        per_bundle = self.bytes_per_reading_json * self.readings_per_bundle
        return (
            self.trackers * self.bundles_per_tracker_day * self.bundle_retention_days * per_bundle
        )

    @property
    def peak_connections(self) -> int:
        return math.ceil(self.owners * self.peak_share_of_owners_online)

    def assumptions(self) -> list[str]:
        return [*self._traffic(), *self._keeping()]

    def _traffic(self) -> list[str]:
        return [
            f"a month is {DAYS_PER_MONTH} days; every tracker stays connected and sends"
            f" {self.packets_per_hour:g} MQTT packet(s) an hour of {self.readings_per_packet}"
            f" reading(s) ({self.packet_bytes} bytes), each with steps, a position and a battery"
            " level",
            f"each owner opens the app {self.app_opens_per_day} times a day, makes"
            f" {self.api_calls_per_open} API calls and stays {self.minutes_open} minutes on the live"
            " socket; a packet makes a live update while its owner's app is open",
            f"{self.goal_pushes_per_tracker_day:g} goal and {self.battery_pushes_per_tracker_day:g}"
            " battery push(es) per tracker and day, to one phone per owner",
            f"at peak {self.peak_share_of_owners_online:.0%} of owners are online at once (Web PubSub units)",
        ]

    def _keeping(self) -> list[str]:
        return [
            f"{self.bundles_per_tracker_day:g} bundle per tracker and day, each of"
            f" {self.minutes_per_bundle} minutes of readings, kept {self.bundle_retention_days} days",
            f"readings are kept {self.retention_days} days (the code keeps them longer: storage"
            f" grows by this much every {self.retention_days} days)",
        ]
