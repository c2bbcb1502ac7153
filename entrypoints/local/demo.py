"""Demo data for a laptop: an owner, a dog, a paired tracker and a week of readings.

Everything goes through the use cases, as a real client's calls would. Seeding
again changes nothing already there: the pet is found by name, and readings
keep their times, so a second run only adds the readings of the time since.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import attrs

from application.use_cases.get_profile import GetProfileQuery
from application.use_cases.issue_api_key import IssueApiKeyCommand
from application.use_cases.list_pets import ListPetsQuery
from application.use_cases.pair_tracker import PairTrackerCommand
from application.use_cases.record_readings import RecordReadingsCommand
from application.use_cases.register_pet import RegisterPetCommand
from domain.access import Caller, User
from domain.clockwork import format_instant, local_day
from domain.pets import Pet
from domain.readings import DeliveryReport

if TYPE_CHECKING:
    from entrypoints.container import Container

OWNER, PET, SERIAL = "demo", "Rex", "DEMO-001"
OPERATOR = Caller("operator", is_admin=True)
HOURS = (7, 9, 12, 15, 18, 21)
DAYS = 7


@attrs.frozen
class DemoSeed:
    owner_token: str
    pet_id: str
    content_key: str
    today: date
    report: DeliveryReport


def seed_demo(container: Container) -> DemoSeed:
    container.users().add(User(OWNER, OWNER))
    owner = Caller(OWNER)
    pet = _demo_pet(container, owner)
    container.pair_tracker()(PairTrackerCommand(owner, pet.id, SERIAL))
    now = container.clock().now()
    report = container.record_readings()(RecordReadingsCommand(SERIAL, week_of_readings(now)))
    key = container.issue_api_key()(IssueApiKeyCommand(OPERATOR, "content", "demo CMS"))
    time_zone = container.get_profile()(GetProfileQuery(owner)).time_zone
    token = container.token_issuer().issue(OWNER)
    return DemoSeed(token, pet.id, key.plaintext, local_day(now, time_zone), report)


def _demo_pet(container: Container, owner: Caller) -> Pet:
    for pet in container.list_pets()(ListPetsQuery(owner)):
        if pet.name == PET:
            return pet
    return container.register_pet()(RegisterPetCommand(owner, PET, "dog", 20.0))


def week_of_readings(now: datetime) -> list[dict[str, object]]:
    """Six readings a day at fixed hours (UTC) for the last seven days, up to `now`."""
    first = (now - timedelta(days=DAYS - 1)).replace(hour=0, minute=0, second=0, microsecond=0)
    readings = []
    for day in range(DAYS):
        for slot, hour in enumerate(HOURS):
            time = first + timedelta(days=day, hours=hour)
            if time <= now:
                readings.append(_reading(time, day, slot))
    return readings


def _reading(time: datetime, day: int, slot: int) -> dict[str, object]:
    """Varied but fixed values, so that a second run delivers the very same readings."""
    return {
        "time": format_instant(time),
        "steps": 500 + (day * 7 + slot * 13) % 11 * 150,
        "latitude": round(52.52 + 0.002 * slot, 6),
        "longitude": round(13.405 + 0.003 * (slot % 3), 6),
        "battery": 95 - 5 * day - slot,
    }
