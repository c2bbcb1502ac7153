"""IoT Hub's device telemetry through the built-in endpoint: a batch of messages, each one the
delivery of the device IoT Hub names in `iothub-connection-device-id`."""

from __future__ import annotations

import base64
import json
from typing import Any

import attrs
import azure.functions as func
import pytest
from azure.functions import meta
from azure.functions.eventhub import EventHubTriggerConverter

from application.intake import Failed
from application.use_cases.get_daily_activity import GetDailyActivityQuery
from domain.access import Caller
from domain.readings import DeliveryReport
from entrypoints.azure_functions.iot import IotHubMessage, readings_arrived, record_all
from entrypoints.wiring import Container

from .conftest import NOW, paired_pet, provide, telemetry_lines

READINGS = [
    {"time": "2026-11-21T09:50:00Z", "steps": 340, "latitude": 52.5163, "longitude": 13.3777},
    {"time": "2026-11-21T09:55:00Z", "steps": 120, "battery": 81},
    {"time": "2026-11-21T09:57:00Z", "steps": "many"},
]


def batch(*messages: tuple[str | None, Any]) -> list[func.EventHubEvent]:
    """Decoded by the library's own converter from what the host sends for cardinality many:
    the bodies as a JSON array, and one system-properties object per body."""
    properties = [
        {"iothub-connection-device-id": device, "SequenceNumber": n, "PartitionKey": None}
        if device is not None
        else {"SequenceNumber": n}
        for n, (device, _) in enumerate(messages)
    ]
    bodies = [body for _, body in messages]
    events: list[func.EventHubEvent] = EventHubTriggerConverter.decode(
        meta.Datum(json.dumps(bodies), "json"),
        trigger_metadata={"SystemPropertiesArray": meta.Datum(json.dumps(properties), "json")},
    )
    return events


@attrs.frozen
class RetryContext:
    retry_count: int
    max_retry_count: int = 5


@attrs.frozen
class Context:
    """What the host hands a function with a retry policy: which try this is."""

    retry_context: RetryContext = RetryContext(0)
    invocation_id: str = "7c3e0d7a-3c1f-4a5e-9d8b-2f6a1b0c9e84"
    trace_context: None = None


LAST_TRY = Context(RetryContext(5))


def record(container: Container, message: IotHubMessage) -> DeliveryReport:
    (outcome,) = record_all(container.record_deliveries(), [message])
    assert isinstance(outcome, DeliveryReport)
    return outcome


def steps_today(container: Container, owner: str, pet_id: str) -> int:
    query = GetDailyActivityQuery(Caller(owner), pet_id, NOW.date())
    return container.get_daily_activity()(query).steps


def test_a_batch_records_each_devices_readings_for_its_pet(container: Container) -> None:
    rex = paired_pet(container, "alice", "PT-1001")
    bello = paired_pet(container, "bob", "PT-2002")
    one_more = {"time": "2026-11-21T09:58:00Z", "steps": 75}
    readings_arrived(batch(("PT-1001", {"readings": READINGS}), ("PT-2002", one_more)), Context())
    assert steps_today(container, "alice", rex) == 460
    assert steps_today(container, "bob", bello) == 75


def test_a_redelivered_batch_counts_once(container: Container) -> None:
    rex = paired_pet(container, "alice", "PT-1001")
    readings_arrived(batch(("PT-1001", {"readings": READINGS})), Context())
    readings_arrived(batch(("PT-1001", {"readings": READINGS})), Context())
    assert steps_today(container, "alice", rex) == 460


def test_the_report_of_a_message_names_the_refused_reading(container: Container) -> None:
    paired_pet(container, "alice", "PT-1001")
    [event] = batch(("PT-1001", {"readings": READINGS}))
    report = record(container, IotHubMessage(event))
    assert (report.accepted, report.duplicates, report.quarantined) == (2, 0, 0)
    assert [(r.position, r.field) for r in report.rejected] == [(3, "steps")]


@pytest.mark.parametrize(
    "body, readings",
    [
        (
            {"time": "2026-11-21T09:58:00Z", "steps": 75},
            [{"time": "2026-11-21T09:58:00Z", "steps": 75}],
        ),
        ({"readings": "garbage"}, ["garbage"]),
        ("not json at all", ["not json at all"]),
    ],
    ids=["one reading", "readings no list", "a string body"],
)
def test_what_a_message_holds_is_judged_by_the_domain(body: Any, readings: list[object]) -> None:
    [event] = batch(("PT-1001", body))
    assert IotHubMessage(event).readings == readings


def test_a_body_that_is_no_json_is_one_reading_to_judge() -> None:
    event = func.EventHubEvent(body=b"\xff{", iothub_metadata={"connection-device-id": "PT-1"})
    assert IotHubMessage(event).readings == ["\ufffd{"]


def test_a_message_without_a_device_is_refused_and_logged_and_the_rest_recorded(
    container: Container,
) -> None:
    rex = paired_pet(container, "alice", "PT-1001")
    [nameless, good] = batch((None, {"readings": READINGS}), ("PT-1001", {"readings": READINGS}))
    assert IotHubMessage(nameless).device_id == ""
    report = record(container, IotHubMessage(nameless))
    readings_arrived([nameless, good], Context())
    assert [(r.position, r.field) for r in report.rejected] == [(0, "tracker")]
    assert [line["field"] for line in telemetry_lines(container, "delivery-refused")] == [
        "tracker",
        "tracker",
    ]
    assert steps_today(container, "alice", rex) == 460


def test_readings_of_an_unpaired_tracker_are_quarantined(container: Container) -> None:
    [event] = batch(("PT-1001", {"readings": READINGS}))
    report = record(container, IotHubMessage(event))
    assert (report.accepted, report.quarantined) == (0, 2)


def broken(command: Any) -> list[object]:
    return [Failed(ConnectionError("the table is unreachable")) for _ in command.deliveries]


def test_a_batch_that_could_not_be_recorded_raises_so_that_the_retry_policy_runs_it_again(
    container: Container,
) -> None:
    provide(container, "record_deliveries", broken)
    with pytest.raises(ConnectionError):
        readings_arrived(batch(("PT-1001", {"readings": READINGS})), Context(RetryContext(4)))
    assert container.ports.dead_letters().kept() == []


def test_on_the_last_try_what_could_not_be_recorded_is_kept_in_the_poison_store(
    container: Container,
) -> None:
    """Event Hubs has no dead-letter queue: after its last try the host checkpoints and moves
    on, so the function keeps the messages (device and body as they came) and returns."""
    provide(container, "record_deliveries", broken)
    events = batch(("PT-1001", {"readings": READINGS}), ("PT-2002", "not json"))
    readings_arrived(events, LAST_TRY)
    (letter,) = container.ports.dead_letters().kept()
    assert (letter.source, "ConnectionError" in letter.reason) == ("iot-hub", True)
    kept = [json.loads(payload) for payload in letter.payloads]
    assert [k["device_id"] for k in kept] == ["PT-1001", "PT-2002"]
    assert [base64.b64decode(k["body_base64"]) for k in kept] == [e.get_body() for e in events]
    (parked,) = telemetry_lines(container, "deliveries-parked")
    assert (parked["source"], parked["count"]) == ("iot-hub", 2) and parked["kept_as"]


def test_only_the_messages_that_failed_are_kept(container: Container) -> None:
    paired_pet(container, "alice", "PT-1001")
    record_deliveries = container.record_deliveries()

    def half(command: Any) -> list[object]:
        outcomes: list[object] = list(record_deliveries(command))
        outcomes[1] = Failed(TimeoutError("busy"))
        return outcomes

    provide(container, "record_deliveries", half)
    readings_arrived(batch(("PT-1001", {"readings": READINGS}), ("PT-2002", "x")), LAST_TRY)
    (letter,) = container.ports.dead_letters().kept()
    assert [json.loads(p)["device_id"] for p in letter.payloads] == ["PT-2002"]


def test_when_the_poison_store_fails_too_the_function_raises(container: Container) -> None:
    class Unkeepable:
        def keep(self, letter: object) -> str:
            raise OSError("the poison container is unreachable")

    provide(container, "record_deliveries", broken)
    provide(container, "dead_letters", Unkeepable())
    with pytest.raises(OSError):
        readings_arrived(batch(("PT-1001", {"readings": READINGS})), LAST_TRY)
