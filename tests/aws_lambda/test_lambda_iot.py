"""IoT Core's topic rule: an MQTT packet of readings (or one reading) from the tracker in the topic."""

from __future__ import annotations

import pytest

from application.use_cases.get_daily_activity import GetDailyActivityQuery
from domain.access import Caller
from entrypoints.aws_lambda.iot import handler
from entrypoints.wiring import Container

from .conftest import NOW, paired_pet, provide, sample, telemetry_lines


def steps_today(container: Container, owner: str, pet_id: str) -> int:
    query = GetDailyActivityQuery(Caller(owner), pet_id, NOW.date())
    return container.get_daily_activity()(query).steps


def test_a_packet_is_recorded_and_its_refused_reading_reported(container: Container) -> None:
    pet_id = paired_pet(container, "alice", "PT-1001")
    report = handler(sample("iot_readings"), None)
    assert (report["accepted"], report["duplicates"], report["quarantined"]) == (2, 0, 0)
    assert [(r["position"], r["field"]) for r in report["rejected"]] == [(3, "steps")]
    assert steps_today(container, "alice", pet_id) == 460


def test_a_redelivered_packet_counts_once(container: Container) -> None:
    pet_id = paired_pet(container, "alice", "PT-1001")
    handler(sample("iot_readings"), None)
    again = handler(sample("iot_readings"), None)
    assert (again["accepted"], again["duplicates"]) == (0, 2)
    assert steps_today(container, "alice", pet_id) == 460


def test_a_single_reading_at_the_top_level_is_a_delivery_of_one(container: Container) -> None:
    pet_id = paired_pet(container, "alice", "PT-1001")
    report = handler(sample("iot_single_reading"), None)
    assert (report["accepted"], report["rejected"]) == (1, [])
    assert steps_today(container, "alice", pet_id) == 75


def test_readings_of_an_unpaired_tracker_are_quarantined(container: Container) -> None:
    report = handler(sample("iot_readings"), None)
    assert (report["accepted"], report["quarantined"]) == (0, 2)


@pytest.mark.parametrize("tracker", [None, "pt/1001", ""])
def test_a_delivery_without_a_valid_serial_is_refused_and_logged(
    container: Container, tracker: str | None
) -> None:
    event = sample("iot_readings")
    event["tracker"] = tracker
    answer = handler(event, None)
    assert [(r["position"], r["field"]) for r in answer["rejected"]] == [(0, "tracker")]
    assert answer["accepted"] == answer["quarantined"] == 0
    (refused,) = telemetry_lines(container, "delivery-refused")
    assert refused["field"] == "tracker" and "tracker_id" not in refused


def test_a_readings_member_that_is_no_list_is_one_reading_to_judge(container: Container) -> None:
    paired_pet(container, "alice", "PT-1001")
    report = handler({"readings": "garbage", "tracker": "PT-1001"}, None)
    assert [(r["position"], r["field"]) for r in report["rejected"]] == [(1, "reading")]


def test_an_unexpected_error_raises_so_that_lambda_retries(container: Container) -> None:
    def broken(command: object) -> object:
        raise ConnectionError("the table is unreachable")

    provide(container, "record_readings", broken)
    with pytest.raises(ConnectionError):
        handler(sample("iot_readings"), None)
