"""Quarantine: readings kept aside for 14 days, under an id that the payload decides."""

from __future__ import annotations

import json
from datetime import timedelta

from domain.quarantine import KEPT_FOR, QuarantinedReading

from .conftest import NOW

RAW = {"time": "2026-11-21T09:00:00Z", "steps": 300}


def keep(
    raw: object = RAW, tracker: str = "TRK-404", reason: str = "not paired"
) -> QuarantinedReading:
    return QuarantinedReading.keep(tracker, raw, reason, None, NOW)


def test_an_entry_keeps_the_reading_as_it_came_for_14_days() -> None:
    entry = keep()
    assert (entry.tracker, entry.reason, entry.field) == ("TRK-404", "not paired", None)
    assert json.loads(entry.payload) == RAW
    assert (entry.received_at, entry.expires_at) == (NOW, NOW + timedelta(days=14))
    assert entry.expires_at - entry.received_at == KEPT_FOR


def test_the_same_payload_gets_the_same_id() -> None:
    later = QuarantinedReading.keep(
        "TRK-404", dict(RAW), "not paired", None, NOW + timedelta(hours=1)
    )
    assert later.id == keep().id
    assert len(keep().id) == 32


def test_the_order_of_the_fields_does_not_change_the_id() -> None:
    assert keep({"steps": 300, "time": "2026-11-21T09:00:00Z"}).id == keep().id


def test_the_reason_does_not_change_the_id() -> None:
    assert keep(reason="steps must be whole").id == keep().id


def test_another_payload_or_tracker_gets_another_id() -> None:
    assert keep({**RAW, "steps": 301}).id != keep().id
    assert keep(tracker="TRK-405").id != keep().id


def test_a_line_that_was_not_json_is_kept_as_its_text() -> None:
    entry = keep('{"time": "2026-11-21T09:00:00Z", "steps": NaN}')
    assert json.loads(entry.payload) == '{"time": "2026-11-21T09:00:00Z", "steps": NaN}'
    assert keep('{"time": "2026-11-21T09:00:00Z", "steps": NaN}').id == entry.id


def test_values_json_does_not_know_are_kept_as_text() -> None:
    entry = keep({"time": NOW, "steps": None})
    assert json.loads(entry.payload) == {"time": "2026-11-21 10:00:00+00:00", "steps": None}
