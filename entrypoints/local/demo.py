"""Demo data for a laptop: an owner with a phone, a dog, a paired tracker and a week of readings.

Everything goes through the use cases, as a real client's calls would. Seeding
again changes nothing already there: the pet is found by name, readings keep
their times, so a second run only adds the readings of the time since, and the
demo's two API keys (content and ingest), kept in the data directory's demo.env
beside the issuer's key, are used again while they are valid.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from application.use_cases.check_api_key import CheckApiKeyQuery
from application.use_cases.get_profile import GetProfileQuery
from application.use_cases.issue_api_key import IssueApiKeyCommand
from application.use_cases.list_pets import ListPetsQuery
from application.use_cases.pair_tracker import PairTrackerCommand
from application.use_cases.record_readings import RecordReadingsCommand
from application.use_cases.register_pet import RegisterPetCommand
from application.use_cases.register_phone import RegisterPhoneCommand
from application.use_cases.set_safe_zone import SetSafeZoneCommand
from application.use_cases.sign_in import SignInCommand
from domain.access import Caller
from domain.api_keys import Purpose
from domain.clockwork import format_instant, local_day
from domain.errors import Unauthenticated
from domain.pets import Pet
from domain.readings import DeliveryReport
from domain.safe_zones import SafeZone

if TYPE_CHECKING:
    from entrypoints.wiring import Container

OWNER, PET, SERIAL = "demo", "Rex", "DEMO-001"
HOME = SafeZone.checked(52.525, 13.408, 800)
OPERATOR = Caller("operator", is_admin=True)
DAYS = 7


@attrs.frozen
class DemoSeed:
    owner_token: str
    pet_id: str
    keys: dict[Purpose, str]  # the plaintext API keys, by purpose
    today: date
    report: DeliveryReport

    def environment(self, base_url: str) -> str:
        """What README's examples use, as shell lines: `. .pawtrack/demo.env` sets them."""
        values = {
            "BASE": base_url,
            "TOKEN": self.owner_token,
            "PET": self.pet_id,
            "FROM": (self.today - timedelta(days=DAYS - 1)).isoformat(),  # the week's first day
            "DAY": self.today.isoformat(),
            "CONTENT_KEY": self.keys[Purpose.CONTENT],
            "INGEST_KEY": self.keys[Purpose.INGEST],
        }
        return "".join(f"export {name}={value}\n" for name, value in values.items())


def seed_demo(container: Container, data_dir: Path) -> DemoSeed:
    token = container.sign_in()(SignInCommand(OWNER))
    owner = Caller(OWNER)
    pet = _demo_pet(container, owner)
    container.pair_tracker()(PairTrackerCommand(owner, pet.id, SERIAL))
    phone = RegisterPhoneCommand(owner, "demo-phone", "ios", "local-device-token")
    container.register_phone()(phone)
    now = container.clock().now()
    report = container.record_readings()(RecordReadingsCommand(SERIAL, week_of_readings(now)))
    keys = _demo_keys(container, data_dir / "demo.env")
    time_zone = container.get_profile()(GetProfileQuery(owner)).time_zone
    return DemoSeed(token, pet.id, keys, local_day(now, time_zone), report)


def _demo_keys(container: Container, env_file: Path) -> dict[Purpose, str]:
    """The keys of the last run while they still work, else new ones (not one more every run)."""
    kept = _exported(env_file)
    keys = {}
    for purpose, name in ((Purpose.CONTENT, "demo CMS"), (Purpose.INGEST, "demo platform")):
        plaintext = kept.get(f"{purpose.value.upper()}_KEY")
        if plaintext is None or not _valid(container, plaintext, purpose):
            command = IssueApiKeyCommand(OPERATOR, purpose.value, name)
            plaintext = container.issue_api_key()(command).plaintext
        keys[purpose] = plaintext
    return keys


def _exported(env_file: Path) -> dict[str, str]:
    if not env_file.is_file():
        return {}
    lines = env_file.read_text(encoding="utf-8").splitlines()
    pairs = (line.removeprefix("export ").partition("=") for line in lines)
    return {name: value for name, _, value in pairs if value}


def _valid(container: Container, plaintext: str, purpose: Purpose) -> bool:
    try:
        container.check_api_key()(CheckApiKeyQuery(plaintext, purpose))
    except Unauthenticated:
        return False
    return True


def _demo_pet(container: Container, owner: Caller) -> Pet:
    for pet in container.list_pets()(ListPetsQuery(owner)):
        if pet.name == PET:
            return pet
    pet = container.register_pet()(RegisterPetCommand(owner, PET, "dog", 20.0))
    # Home: a safe zone around the park the readings wander in, so none of them is an escape.
    return container.set_safe_zone()(SetSafeZoneCommand(owner, pet.id, HOME))


def week_of_readings(now: datetime) -> list[dict[str, object]]:
    """One reading on every whole hour (UTC) of the last seven days up to `now`, so today has some."""
    last = now.replace(minute=0, second=0, microsecond=0)
    hours = [last - timedelta(hours=back) for back in range(DAYS * 24)]
    return [_reading(time) for time in reversed(hours)]


def _reading(time: datetime) -> dict[str, object]:
    """Values fixed by the hour, so that a second run delivers the very same readings again."""
    awake = 7 <= time.hour <= 21
    wander = (time.hour * 7 + time.day * 3) % 11
    return {
        "time": format_instant(time),
        "steps": 300 + wander * 90 if awake else wander * 5,
        "latitude": round(52.52 + 0.001 * wander, 6),
        "longitude": round(13.405 + 0.0015 * (wander % 5), 6),
        "battery": 100 - (time.hour * 3 + time.day) % 60,
    }
