"""The readings queue: batches of MQTT packets the IoT rule of the Basic Ingest topic queued,
each the tracker's readings (or one reading) with the tracker the topic names."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from application.intake import Failed
from application.use_cases.get_daily_activity import GetDailyActivityQuery
from domain.access import Caller
from entrypoints.aws_lambda.readings import handler
from entrypoints.wiring import Container

from .conftest import NOW, paired_pet, provide, sample, telemetry_lines

PACKET, SINGLE = "5f1d7a3e-2b4c-4d6e-8f0a-1b2c3d4e5f60", "8a9b0c1d-2e3f-4a5b-6c7d-8e9f0a1b2c3d"


def steps_today(container: Container, owner: str, pet_id: str) -> int:
    query = GetDailyActivityQuery(Caller(owner), pet_id, NOW.date())
    return container.get_daily_activity()(query).steps


def with_body(event: dict[str, Any], message_id: str, body: object) -> dict[str, Any]:
    for record in event["Records"]:
        if record["messageId"] == message_id:
            record["body"] = body if isinstance(body, str) else json.dumps(body)
    return event


def test_a_batch_is_recorded_and_each_packets_report_answered(container: Container) -> None:
    pet_id = paired_pet(container, "alice", "PT-1001")
    answer = handler(sample("sqs_readings_batch"), None)
    assert answer["batchItemFailures"] == []
    packet, single = answer["reports"][PACKET], answer["reports"][SINGLE]
    assert (packet["accepted"], packet["duplicates"], packet["quarantined"]) == (2, 0, 0)
    assert [(r["position"], r["field"]) for r in packet["rejected"]] == [(3, "steps")]
    assert (single["accepted"], single["rejected"]) == (1, [])
    assert steps_today(container, "alice", pet_id) == 535


def test_a_redelivered_batch_counts_once(container: Container) -> None:
    pet_id = paired_pet(container, "alice", "PT-1001")
    handler(sample("sqs_readings_batch"), None)
    again = handler(sample("sqs_readings_batch"), None)
    assert (again["reports"][PACKET]["accepted"], again["reports"][PACKET]["duplicates"]) == (0, 2)
    assert steps_today(container, "alice", pet_id) == 535


def test_readings_of_an_unpaired_tracker_are_quarantined(container: Container) -> None:
    report = handler(sample("sqs_readings_batch"), None)["reports"][PACKET]
    assert (report["accepted"], report["quarantined"]) == (0, 2)


@pytest.mark.parametrize("tracker", [None, "pt/1001", ""])
def test_a_packet_without_a_valid_serial_is_refused_and_told_and_not_retried(
    container: Container, tracker: str | None
) -> None:
    pet_id = paired_pet(container, "alice", "PT-1001")
    body = json.loads(sample("sqs_readings_batch")["Records"][0]["body"]) | {"tracker": tracker}
    answer = handler(with_body(sample("sqs_readings_batch"), PACKET, body), None)
    report = answer["reports"][PACKET]
    assert [(r["position"], r["field"]) for r in report["rejected"]] == [(0, "tracker")]
    assert report["accepted"] == report["quarantined"] == 0
    assert answer["batchItemFailures"] == []
    (refused,) = telemetry_lines(container, "delivery-refused")
    assert refused["field"] == "tracker" and "tracker_id" not in refused
    (stored,) = telemetry_lines(container, "delivery-stored")  # the other packet
    assert (stored["tracker_id"], stored["pet_id"], stored["accepted"]) == ("PT-1001", pet_id, 1)
    assert refused["correlation_id"] == stored["correlation_id"]  # one batch, one trace
    assert steps_today(container, "alice", pet_id) == 75


@pytest.mark.parametrize("body", ["not json", "[1, 2]", '"a string"', ""])
def test_a_body_that_is_not_the_rules_json_is_refused_whole(
    container: Container, body: str
) -> None:
    answer = handler(with_body(sample("sqs_readings_batch"), PACKET, body), None)
    assert [(r["position"], r["field"]) for r in answer["reports"][PACKET]["rejected"]] == [
        (0, "tracker")
    ]
    assert answer["batchItemFailures"] == []


def test_a_readings_member_that_is_no_list_is_one_reading_to_judge(container: Container) -> None:
    paired_pet(container, "alice", "PT-1001")
    event = with_body(
        sample("sqs_readings_batch"), PACKET, {"readings": "garbage", "tracker": "PT-1001"}
    )
    report = handler(event, None)["reports"][PACKET]
    assert [(r["position"], r["field"]) for r in report["rejected"]] == [(1, "reading")]


def test_a_packet_whose_readings_could_not_be_stored_is_named_and_comes_back(
    container: Container,
) -> None:
    def broken(command: Any) -> list[object]:
        return [Failed(ConnectionError("the table is unreachable")) for _ in command.deliveries]

    provide(container, "record_deliveries", broken)
    answer = handler(sample("sqs_readings_batch"), None)
    assert answer["batchItemFailures"] == [{"itemIdentifier": PACKET}, {"itemIdentifier": SINGLE}]


@pytest.mark.parametrize(
    "event", [{}, {"Records": "x"}, {"Records": [{"body": "{}"}]}, {"detail-type": "GoalReached"}]
)
def test_a_foreign_event_is_logged_and_answers_no_failures(
    container: Container, event: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        assert handler(event, None) == {"batchItemFailures": [], "reports": {}}
    assert caplog.text
