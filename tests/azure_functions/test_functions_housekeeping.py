"""The daily timer purges the readings kept aside more than 14 days ago."""

from __future__ import annotations

from datetime import timedelta

from azure.functions.timer import TimerRequest

from application.use_cases.list_quarantine import ListQuarantineQuery
from application.use_cases.record_readings import RecordReadingsCommand
from domain.access import Caller
from entrypoints.azure_functions.housekeeping import purge_quarantine
from entrypoints.wiring import Container

from .conftest import NOW

ADMIN = Caller("ops", is_admin=True)


def test_the_timer_purges_what_expired_and_keeps_the_rest(container: Container) -> None:
    reading = {"time": NOW.isoformat(), "steps": 5}
    container.record_readings()(RecordReadingsCommand("TRK-404", [reading]))
    clock = container.clock()
    clock.advance(timedelta(days=10))
    container.record_readings()(
        RecordReadingsCommand("TRK-405", [{"time": clock.now().isoformat(), "steps": 6}])
    )
    clock.advance(timedelta(days=5))
    purge_quarantine(TimerRequest(past_due=False))
    left = container.list_quarantine()(ListQuarantineQuery(ADMIN))
    assert [entry.tracker for entry in left] == ["TRK-405"]
    assert container.ports.quarantine().purge(clock.now()) == 0, (
        "the timer already purged TRK-404's"
    )
