"""Properties of the reading intake, wired with the in-memory adapters: every reading counts once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.access import Caller
from domain.readings import DeliveryReport, Reading

from .conftest import ALICE, Core

DAY = date(2026, 11, 20)
MIDNIGHT = datetime(2026, 11, 20, tzinfo=UTC)


def reading_at(second: int, steps: int, battery: int | None) -> Reading:
    return Reading("TRK-001", MIDNIGHT + timedelta(seconds=second), steps, None, battery)


distinct_readings = st.lists(
    st.tuples(st.integers(0, 86_399), st.integers(0, 100_000), st.none() | st.integers(0, 100)),
    unique_by=lambda fields: fields[0],
    min_size=1,
    max_size=20,
).map(lambda rows: [reading_at(*row) for row in rows])


def rex_wearing_trk_001() -> tuple[Core, str]:
    core = Core()
    rex = core.register_pet(ALICE, "Rex")
    core.pair(ALICE, rex)
    core.register_phone(ALICE, "alice-iphone")
    return core, rex.id


def steps_of_the_day(core: Core, pet_id: str, caller: Caller = ALICE) -> int:
    pet = core.pets.get(pet_id)
    assert pet is not None
    return core.steps(caller, pet, DAY)


@settings(max_examples=60, deadline=None)
@given(distinct_readings, st.data())
def test_a_redelivered_reading_changes_nothing(
    readings: list[Reading], data: st.DataObject
) -> None:
    core, rex = rex_wearing_trk_001()
    first = core.intake.take("TRK-001", readings, [])
    assert first == DeliveryReport(accepted=len(readings))
    pushed, live = list(core.push.sent()), list(core.live.published)
    again = data.draw(st.lists(st.sampled_from(readings), max_size=30))
    report = core.intake.take("TRK-001", again, [])
    assert report == DeliveryReport(accepted=0, duplicates=len(again))
    assert steps_of_the_day(core, rex) == sum(r.steps for r in readings)
    assert (core.push.sent(), core.live.published) == (pushed, live)
    goal_reached = sum(r.steps for r in readings) >= 8000
    assert (
        core.texts("alice-iphone").count("Rex reached the daily goal of 8000 steps") == goal_reached
    )


@settings(max_examples=60, deadline=None)
@given(distinct_readings, st.data())
def test_steps_are_the_sum_of_distinct_readings_whatever_the_deliveries(
    readings: list[Reading], data: st.DataObject
) -> None:
    core, rex = rex_wearing_trk_001()
    sent = data.draw(st.permutations(readings + data.draw(st.lists(st.sampled_from(readings)))))
    cuts = sorted(data.draw(st.lists(st.integers(0, len(sent)), max_size=4)))
    deliveries = [sent[a:b] for a, b in zip([0, *cuts], [*cuts, len(sent)], strict=True)]
    total = DeliveryReport()
    for delivery in deliveries:
        total += core.intake.take("TRK-001", delivery, [])
    assert steps_of_the_day(core, rex) == sum(r.steps for r in readings)
    assert (total.accepted, total.duplicates) == (len(readings), len(sent) - len(readings))
    assert total.quarantined == 0


@settings(max_examples=60, deadline=None)
@given(distinct_readings, st.data())
def test_battery_alerts_do_not_repeat_under_redelivery(
    readings: list[Reading], data: st.DataObject
) -> None:
    core, _ = rex_wearing_trk_001()
    core.intake.take("TRK-001", readings, [])
    alerts = [m.text for m in core.push.sent() if "needs charging" in m.text]
    again = data.draw(st.lists(st.sampled_from(readings), max_size=30))
    core.intake.take("TRK-001", again, [])
    assert [m.text for m in core.push.sent() if "needs charging" in m.text] == alerts
    first_low = next(
        (r for r in sorted(readings, key=lambda r: r.time) if r.battery is not None), None
    )
    if first_low is not None and first_low.battery < 15:  # type: ignore[operator]
        assert alerts[0] == f"The tracker of Rex needs charging ({first_low.battery}% left)"


@settings(max_examples=30, deadline=None)
@given(distinct_readings)
def test_readings_of_an_unpaired_tracker_are_all_kept_aside_once(readings: list[Reading]) -> None:
    core = Core()
    stray = [Reading("TRK-404", r.time, r.steps, r.position, r.battery) for r in readings]
    assert core.intake.take("TRK-404", stray, []).quarantined == len(stray)
    core.intake.take("TRK-404", stray, [])
    assert len(core.quarantine.list(core.clock.now(), "TRK-404")) == len(stray)


@settings(max_examples=60, deadline=None)
@given(distinct_readings, st.data())
def test_a_delivery_with_an_origin_taken_again_reports_the_same(
    readings: list[Reading], data: st.DataObject
) -> None:
    """A bundle's job that stored a part of its readings before it failed, taken again whole:
    the same report as one run would give. Other deliveries find those readings duplicates."""
    core, rex = rex_wearing_trk_001()
    sent = data.draw(st.permutations(readings + data.draw(st.lists(st.sampled_from(readings)))))
    stored_before = data.draw(st.lists(st.sampled_from(readings), max_size=len(readings)))
    core.intake.take("TRK-001", stored_before, [], origin="bundle-1")
    whole = DeliveryReport(accepted=len(readings), duplicates=len(sent) - len(readings))
    assert core.intake.take("TRK-001", sent, [], origin="bundle-1") == whole
    assert core.intake.take("TRK-001", sent, [], origin="bundle-1") == whole
    for other in ("bundle-2", None):
        assert core.intake.take("TRK-001", sent, [], origin=other) == DeliveryReport(
            duplicates=len(sent)
        )
    assert steps_of_the_day(core, rex) == sum(r.steps for r in readings)
