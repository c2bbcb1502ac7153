"""What a scenario can do to the system, in business words. Every binding implements it.

Names in the scenarios (owners, pets, apps, phones) are the driver's to map to
ids; a refused action raises Refused with the kind of refusal the binding saw.
"""

from __future__ import annotations

import abc
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import attrs

from tests.support.drivers.traces import KINDS, Footprint, Record, traces


class Refused(Exception):
    """The system refused an action: kind is not-found, forbidden, unauthorized, conflict,
    invalid or too-many (with the seconds to wait)."""

    def __init__(self, kind: str, detail: str = "", retry_after: int = 0) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind, self.retry_after = kind, retry_after


@attrs.frozen
class Delivery:
    accepted: int
    duplicates: int
    rejected: tuple[tuple[int, str], ...]


@attrs.frozen
class Activity:
    steps: int
    walked_km: float
    active_kcal: int
    resting_kcal: int
    tracked_km: float


class Driver(abc.ABC):
    #: The kinds of data (traces.KINDS) this binding keeps somewhere it can be looked for.
    kinds_held: tuple[str, ...] = KINDS

    def __init__(self) -> None:
        self.footprints: dict[str, Footprint] = {}

    # The world
    @abc.abstractmethod
    def set_time(self, now: datetime) -> None: ...
    @abc.abstractmethod
    def add_user(self, name: str, *, admin: bool = False) -> None: ...

    # Pets and trackers
    @abc.abstractmethod
    def register_pet(self, owner: str, species: str, name: str, weight_kg: float) -> None: ...
    @abc.abstractmethod
    def pet_names(self, viewer: str) -> list[str]: ...
    @abc.abstractmethod
    def step_goal(self, viewer: str, pet: str) -> int: ...
    @abc.abstractmethod
    def set_step_goal(self, owner: str, pet: str, goal: int) -> None: ...
    @abc.abstractmethod
    def record_weight(self, owner: str, pet: str, weight_kg: float, day: date | None) -> None: ...
    @abc.abstractmethod
    def pair_tracker(self, owner: str, serial: str, pet: str) -> None: ...
    @abc.abstractmethod
    def paired_pet(self, owner: str, serial: str) -> str: ...
    @abc.abstractmethod
    def set_time_zone(self, owner: str, time_zone: str) -> None: ...

    # Readings
    @abc.abstractmethod
    def report_readings(self, serial: str, readings: list[dict[str, object]]) -> Delivery: ...
    @abc.abstractmethod
    def sync_bundle(self, owner: str, serial: str, content: str) -> Delivery: ...
    @abc.abstractmethod
    def quarantined(self, admin: str, serial: str) -> int: ...

    # Reading the activity (app: the app acting for the viewer, or None)
    @abc.abstractmethod
    def activity(self, viewer: str, pet: str, day: date, app: str | None = None) -> Activity: ...
    @abc.abstractmethod
    def locations(
        self, viewer: str, pet: str, day: date, app: str | None = None
    ) -> list[tuple[str, float, float]]: ...
    @abc.abstractmethod
    def pet_visible(self, viewer: str, pet: str, app: str | None = None) -> bool: ...
    @abc.abstractmethod
    def recommendations(self, viewer: str, pet: str) -> list[tuple[str, str]]: ...

    # Series and whereabouts (app: the app acting for the viewer, or None)
    @abc.abstractmethod
    def daily_steps(
        self, viewer: str, pet: str, first: date, last: date, app: str | None = None
    ) -> list[int]: ...
    @abc.abstractmethod
    def hourly_steps(self, viewer: str, pet: str, day: date) -> list[tuple[str, int]]:
        """Each hour of the day as ("HH:MM" of the owner's clock, steps)."""

    @abc.abstractmethod
    def whereabouts(self, viewer: str, pet: str) -> tuple[str, float, float]:
        """(time, latitude, longitude) of the pet's newest position."""

    @abc.abstractmethod
    def set_safe_zone(
        self, owner: str, pet: str, latitude: float, longitude: float, radius_m: float
    ) -> None: ...

    # Devices and the owner's data
    @abc.abstractmethod
    def tracker_status(self, owner: str, serial: str) -> tuple[int | None, str | None]:
        """(battery, time of the newest reading) of the tracker."""

    @abc.abstractmethod
    def unpair_tracker(self, owner: str, pet: str) -> None: ...
    @abc.abstractmethod
    def remove_pet(self, owner: str, pet: str) -> None: ...
    @abc.abstractmethod
    def remove_phone(self, owner: str, phone: str) -> None: ...
    @abc.abstractmethod
    def request_export(self, owner: str) -> str:
        """The owner asks for an export; its id, once the platform ran the job."""

    @abc.abstractmethod
    def export_records(self, viewer: str, export_id: str) -> list[dict[str, object]]:
        """The export's records, read through the download link the viewer gets."""

    # Notifications
    @abc.abstractmethod
    def register_phone(self, owner: str, platform: str, phone: str) -> None: ...
    @abc.abstractmethod
    def received_notifications(self, phone: str) -> list[str]: ...
    @abc.abstractmethod
    def connect_live(self, owner: str) -> None: ...
    @abc.abstractmethod
    def live_updates(self, owner: str, expected: int) -> list[dict[str, object]]: ...

    # Apps
    @abc.abstractmethod
    def register_app(self, name: str, limit: int | None = None) -> None:
        """A developer's request for the app, approved by an operator."""

    @abc.abstractmethod
    def grant(self, owner: str, app: str, scopes: list[str]) -> None: ...
    @abc.abstractmethod
    def revoke(self, owner: str, app: str) -> None: ...
    @abc.abstractmethod
    def grants(self, owner: str) -> dict[str, list[str]]: ...

    # The app platform
    @abc.abstractmethod
    def now(self) -> datetime: ...
    @abc.abstractmethod
    def pet_id(self, pet: str) -> str: ...
    @abc.abstractmethod
    def request_app(self, name: str, redirect_uri: str, limit: int | None = None) -> None:
        """A developer asks for the app to be registered."""

    @abc.abstractmethod
    def app_request_state(self, name: str) -> str:
        """pending, registered or refused, as the developer sees it."""

    @abc.abstractmethod
    def decide_app(self, admin: str, name: str, *, approve: bool) -> None: ...
    @abc.abstractmethod
    def connect(self, owner: str, app: str, scopes: list[str]) -> None:
        """The owner connects the app through the sign-in and consent pages (OAuth 2 with PKCE);
        the app keeps its access token for the owner."""

    @abc.abstractmethod
    def exchange_last_code_again(self) -> str:
        """The OAuth error of exchanging the last code a second time ('' if it worked)."""

    @abc.abstractmethod
    def exchange_new_code_with_wrong_verifier(self) -> str:
        """The OAuth error of a fresh code exchanged with another verifier ('' if it worked)."""

    @abc.abstractmethod
    def subscribe(self, app: str) -> None:
        """The app subscribes its loopback receiver."""

    @abc.abstractmethod
    def app_messages(self, app: str, expected: int) -> list[dict[str, Any]]:
        """What the app's receiver got so far (after the platform delivered what it queued)."""

    @abc.abstractmethod
    def app_messages_signed(self, app: str) -> bool: ...

    # Content
    @abc.abstractmethod
    def create_cms_key(self) -> str: ...
    @abc.abstractmethod
    def revoke_cms_key(self, key: str) -> None: ...
    @abc.abstractmethod
    def cms_publish(self, key: str | None, article: str, title: str, tag: str) -> None: ...
    @abc.abstractmethod
    def cms_unpublish(self, key: str | None, article: str) -> None: ...
    @abc.abstractmethod
    def article_title(self, article: str) -> str | None: ...

    # Photos
    @abc.abstractmethod
    def upload_photo(self, owner: str, pet: str, photo: bytes) -> None: ...
    @abc.abstractmethod
    def download_photo(self, viewer: str, pet: str) -> bytes: ...

    # Administration
    @abc.abstractmethod
    def user_names(self, viewer: str) -> list[str]: ...

    # Privacy
    @abc.abstractmethod
    def delete_account(self, owner: str) -> None:
        """The owner deletes their account, with the token they hold (kept as their old token)."""

    @abc.abstractmethod
    def old_token_refused(self, owner: str) -> bool:
        """Whether a request with the token the owner deleted their account with is refused (401)."""

    @abc.abstractmethod
    def user_id(self, name: str) -> str:
        """The id the identity provider gave the user (what their tokens carry)."""

    # Operations
    @abc.abstractmethod
    def telemetry_lines(self) -> list[dict[str, object]]:
        """Every telemetry line the binding wrote so far, parsed from the text it wrote."""

    @abc.abstractmethod
    def metric_totals(self) -> dict[str, float]:
        """Each metric's total so far (by its name, Metric.value), read where the binding's
        cloud reads it (/metrics, the EMF documents of the log, an OpenTelemetry reader)."""

    @abc.abstractmethod
    def records(self) -> Iterator[Record]:
        """Every record of every store of the binding, read directly from the stores (tables,
        buckets, the identity provider, the push service, live connections)."""

    def footprint(self, owner: str) -> Footprint:
        """The identifiers the scenario gave the owner's data so far."""
        if owner not in self.footprints:
            self.footprints[owner] = Footprint(self.user_id(owner), owner)
        return self.footprints[owner]

    def traces(self, owner: str) -> dict[str, list[str]]:
        """What the stores hold that names the owner, by kind of data; {} when nothing."""
        return traces(self.records(), self.footprint(owner))

    def close(self) -> None:  # noqa: B027 (optional hook: most drivers hold nothing to release)
        """Release what the binding started (servers, files)."""
