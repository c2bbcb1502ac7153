"""Leaving the safe zone, as the intake announces it: once per excursion, whatever comes again."""

from __future__ import annotations

import pytest

from application.use_cases.set_safe_zone import SetSafeZone, SetSafeZoneCommand
from domain.announcements import LeftSafeZone
from domain.pets import Pet
from domain.readings import Position
from domain.safe_zones import SafeZone

from .conftest import ALICE, Core, reading

LEFT = "Rex left the safe zone"
IN = {"latitude": 52.52, "longitude": 13.405}
OUT = {"latitude": 52.53, "longitude": 13.405}


@pytest.fixture
def zoned(core: Core, rex: Pet) -> Pet:
    core.register_phone(ALICE, "alice-iphone")
    zone = SafeZone(Position(52.52, 13.405), 200)
    change = SetSafeZone(core.recounted_change)
    return change(SetSafeZoneCommand(ALICE, rex.id, zone))


def test_an_excursion_whose_announcement_failed_is_announced_when_it_comes_again(
    core: Core, zoned: Pet
) -> None:
    delivery = [reading("2026-11-21T09:00:00Z", **IN), reading("2026-11-21T09:10:00Z", **OUT)]
    core.events.kind, core.events.failures = LeftSafeZone, 1
    with pytest.raises(ConnectionError):
        core.report("TRK-001", *delivery)
    assert core.texts("alice-iphone") == []
    core.report("TRK-001", *delivery)
    core.report("TRK-001", *delivery)
    assert core.texts("alice-iphone") == [LEFT]


def test_later_deliveries_go_on_from_the_newest_position(core: Core, zoned: Pet) -> None:
    core.report("TRK-001", reading("2026-11-21T09:00:00Z", **OUT))
    core.report("TRK-001", reading("2026-11-21T09:10:00Z", **OUT))
    core.report("TRK-001", reading("2026-11-21T09:20:00Z", **IN))
    core.report("TRK-001", reading("2026-11-21T09:05:00Z", **IN))  # late: moves nothing
    core.report("TRK-001", reading("2026-11-21T09:30:00Z", **OUT))
    assert core.texts("alice-iphone") == [LEFT, LEFT]


def test_without_a_safe_zone_positions_announce_nothing(core: Core, rex: Pet) -> None:
    core.register_phone(ALICE, "alice-iphone")
    core.report("TRK-001", reading("2026-11-21T09:00:00Z", **OUT))
    assert core.texts("alice-iphone") == []


def test_deliveries_recorded_at_once_announce_the_pet_leaving_once(
    core: Core, zoned: Pet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two deliveries recorded at the same moment each judge from the newest position stored
    before both (09:00, inside): each sees a departure at a position of its own, yet the pet
    left once. A later departure, after a position inside, is a new excursion."""
    core.report("TRK-001", reading("2026-11-21T09:00:00Z", **IN))
    stale = core.ledger.whereabouts(zoned.id)
    monkeypatch.setattr(core.ledger, "whereabouts", lambda pet_id: stale)
    core.report("TRK-001", reading("2026-11-21T09:10:00Z", **OUT))
    core.report("TRK-001", reading("2026-11-21T09:11:00Z", **OUT))
    assert core.texts("alice-iphone") == [LEFT]
    core.report(
        "TRK-001", reading("2026-11-21T09:12:00Z", **IN), reading("2026-11-21T09:15:00Z", **OUT)
    )
    assert core.texts("alice-iphone") == [LEFT, LEFT]
