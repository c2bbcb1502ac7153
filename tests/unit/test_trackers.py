"""Trackers: pairing with one pet, and a low-battery watch that speaks once per episode."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import Conflict, InvalidInput
from domain.pets import Pet, Species
from domain.readings import MAX_AGE, MAX_AHEAD
from domain.trackers import BatteryAlert, Counting, Route, Tracker, checked_serial, pair

DAY = date(2026, 11, 21)
SIX = datetime(2026, 11, 21, 6, tzinfo=UTC)
FEATURE = [
    (SIX, 14),
    (SIX + timedelta(minutes=10), 12),
    (SIX + timedelta(hours=1), 90),
    (SIX + timedelta(hours=3), 9),
]


def a_pet(owner: str = "alice", name: str = "Rex") -> Pet:
    return Pet.register(owner, name, Species.DOG, 20.0, DAY)


def test_a_new_tracker_is_paired_with_the_pet_of_its_owner() -> None:
    rex = a_pet()
    counting = Counting("Rex", 8000, "UTC")
    assert pair(None, "TRK-001", rex, "UTC", SIX) == Tracker(
        "TRK-001", rex.id, "alice", counting=counting
    )


def test_a_tracker_of_another_owners_pet_cannot_be_taken_over() -> None:
    paired = pair(None, "TRK-001", a_pet("alice"), "UTC", SIX)
    with pytest.raises(Conflict):
        pair(paired, "TRK-001", a_pet("bob", "Bello"), "UTC", SIX)


def test_the_same_owner_may_pair_the_tracker_again() -> None:
    rex, max_ = a_pet(), a_pet(name="Max")
    paired = pair(None, "TRK-001", rex, "UTC", SIX)
    moved = pair(paired, "TRK-001", max_, "UTC", SIX)
    assert (moved.pet_id, moved.owner_id, moved.version) == (max_.id, "alice", 2)
    assert pair(moved, "TRK-001", rex, "UTC", SIX).pet_id == rex.id
    assert pair(paired, "TRK-001", rex, "UTC", SIX) is paired  # nothing to change


def test_a_tracker_remembers_where_its_readings_counted_before() -> None:
    """Re-paired, or counting in another zone: a reading up to 5 minutes past the change may
    have counted before, on its day in the earlier route; after 90 days the route is let go."""
    rex, max_ = a_pet(), a_pet(name="Max")
    paired = pair(None, "TRK-001", rex, "UTC", SIX)
    moved = pair(paired, "TRK-001", max_, "UTC", SIX)
    assert moved.earlier == (Route(rex.id, "UTC", SIX + MAX_AHEAD),)
    rezoned = moved.counting_for(max_, "Pacific/Auckland", SIX)
    assert rezoned.earlier[-1] == Route(max_.id, "UTC", SIX + MAX_AHEAD)
    late = SIX - timedelta(hours=1)  # 05:00 UTC is 18:00 on the same day in Auckland
    assert rezoned.elsewhere(late, max_.id, DAY) == [(rex.id, DAY)]
    assert rezoned.elsewhere(SIX + timedelta(hours=1), max_.id, DAY) == []
    goal = rezoned.counting_for(attrs.evolve(max_, step_goal=500), "Pacific/Auckland", SIX)
    assert (goal.counting, goal.earlier) == (
        Counting("Max", 500, "Pacific/Auckland"),
        rezoned.earlier,
    )
    later = SIX + MAX_AGE + timedelta(days=1)
    assert rezoned.counting_for(rex, "UTC", later).earlier == (
        Route(max_.id, "Pacific/Auckland", later + MAX_AHEAD),
    )


@pytest.mark.parametrize("serial", ["TRK-001", "a", "A1_b.c:d-e", "x" * 64])
def test_serials_are_letters_digits_and_separators(serial: str) -> None:
    assert checked_serial(serial) == serial


@pytest.mark.parametrize("serial", ["", "-TRK", "TRK 001", "x" * 65, "TRK/001", None, 1])
def test_other_serials_are_refused(serial: object) -> None:
    with pytest.raises(InvalidInput) as error:
        checked_serial(serial)
    assert error.value.field == "tracker"


def fresh() -> Tracker:
    return Tracker("TRK-001", "rex", "alice")


def test_the_features_sequence_gives_two_alerts() -> None:
    watched, alerts = fresh().watch_battery(FEATURE)
    assert alerts == [
        BatteryAlert("TRK-001", 14, SIX),
        BatteryAlert("TRK-001", 9, SIX + timedelta(hours=3)),
    ]
    assert (watched.battery_low, watched.battery_as_of) == (True, SIX + timedelta(hours=3))


def test_the_sequence_in_any_arrival_order_gives_the_same_alerts() -> None:
    assert fresh().watch_battery(reversed(FEATURE)) == fresh().watch_battery(FEATURE)


def test_a_redelivery_changes_nothing() -> None:
    watched, _ = fresh().watch_battery(FEATURE)
    again, alerts = watched.watch_battery(FEATURE)
    assert again is watched
    assert alerts == []


def test_levels_up_to_the_last_opening_or_closing_change_nothing() -> None:
    watched, _ = fresh().watch_battery(FEATURE[:3])  # opened at 06:00, closed at 07:00
    assert watched.watch_battery([(SIX + timedelta(minutes=30), 3)]) == (watched, [])


def test_a_drop_below_15_opens_an_episode_and_15_closes_it() -> None:
    levels = [(SIX + timedelta(minutes=m), p) for m, p in enumerate([15, 14, 14, 15, 14, 16, 100])]
    watched, alerts = fresh().watch_battery(levels)
    assert [alert.percent for alert in alerts] == [14, 14]
    assert watched.battery_low is False


def test_an_open_episode_stays_quiet_in_the_next_delivery() -> None:
    watched, _ = fresh().watch_battery(FEATURE[:1])
    assert watched.watch_battery(FEATURE[1:2])[1] == []
    assert [a.percent for a in watched.watch_battery(FEATURE[1:])[1]] == [9]


levels = st.lists(
    st.tuples(
        st.integers(0, 10_000).map(lambda m: SIX + timedelta(minutes=m)), st.integers(0, 100)
    ),
    unique_by=lambda level: level[0],
    max_size=15,
)


@given(levels, st.data())
def test_the_watch_is_idempotent_under_redelivery(sent: list, data: st.DataObject) -> None:
    watched, _ = fresh().watch_battery(sent)
    again = data.draw(st.lists(st.sampled_from(sent)) if sent else st.just([]))
    assert watched.watch_battery(again) == (watched, [])


@given(levels, st.integers(0, 15))
def test_in_order_deliveries_alert_as_one_delivery_would(sent: list, cut: int) -> None:
    ordered = sorted(sent)
    tracker, first = fresh().watch_battery(ordered[:cut])
    tracker, second = tracker.watch_battery(ordered[cut:])
    assert first + second == fresh().watch_battery(sent)[1]
