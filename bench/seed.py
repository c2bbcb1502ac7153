"""Seeding through the use cases, the same on every container (memory, local, aws)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from application.use_cases.pair_tracker import PairTrackerCommand
from application.use_cases.record_readings import RecordReadingsCommand
from application.use_cases.register_pet import RegisterPetCommand
from application.use_cases.sign_in import SignInCommand
from domain.access import Caller
from entrypoints.wiring.local import LocalAdapters
from entrypoints.wiring.memory import MemoryAdapters

if TYPE_CHECKING:
    from entrypoints.wiring import Container


def day_readings(day: str, count: int) -> list[dict[str, object]]:
    """`count` readings spread over 06:00–18:00 UTC of `day`: the same day in any owner's zone near UTC."""
    start = datetime.combine(date.fromisoformat(day), time(6), tzinfo=UTC)
    step = timedelta(minutes=720 // max(count, 1))
    return [
        {"time": (start + n * step).strftime("%Y-%m-%dT%H:%M:%SZ"), "steps": 100,
         "latitude": 52.52, "longitude": 13.405, "battery": 90}
        for n in range(count)
    ]  # fmt: skip


def seed_pet(container: Container, owner: str, day: str, count: int, serial: str = "") -> str:
    """A pet of `owner` with a paired tracker and `count` readings on `day`; its id."""
    if container.ports().declarative_parent in (MemoryAdapters, LocalAdapters):  # local users
        container.sign_in()(SignInCommand(owner))
    caller = Caller(owner)
    pet = container.register_pet()(RegisterPetCommand(caller, "Rex", "dog", 20.0))
    serial = serial or f"BENCH-{uuid.uuid4().hex[:8]}"
    container.pair_tracker()(PairTrackerCommand(caller, pet.id, serial))
    report = container.record_readings()(RecordReadingsCommand(serial, day_readings(day, count)))
    assert report.accepted == count, report
    return pet.id
