"""`pawtrack cost`: the arithmetic by hand, the batching and tiers it picks, the server beside
the clouds, the CLI, and the price list's provenance."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from costing import Workload, batching, estimate
from costing.meters import iot_hub_tier
from costing.prices import load_pricing
from costing.report import SERVICES
from entrypoints.cli import main

GB = 2**30
SMALL = Workload(trackers=10, owners=5)  # a packet a minute of one reading
# Each month, for SMALL (30 days):
PACKETS = 10 * 60 * 24 * 30  # 432,000 packets of 1 reading
APP_OPENS = 5 * 5 * 30  # 750 opens
LIVE_UPDATES = PACKETS * (5 * 2 / 1440)  # 3,000: the app is open 10 minutes a day
PUSHES = 10 * (1 + 0.1) * 30  # 330: a goal a day and a battery alert every 10 days per tracker
BUNDLES = 10 * 0.1 * 30  # 30 bundles of 60 readings
READINGS_KEPT = 10 * 1 * 1440 * 90  # 1,296,000 readings over 90 days
BUNDLE_BYTES = 10 * 0.1 * 30 * 60 * 60  # 30 days of bundles, 60 readings of 60 B each
# SMALL sends 10 packets a minute: 0.17 a second, a batch is one packet (as few as there are)
IDLE_POLLS = 5 * 3 * 1440 * 30  # the event source mapping's 5 pollers, a 20 s poll each


def made_up_pricing() -> dict[str, Any]:
    """Round prices, so the expected costs below are easy to check by hand."""
    pricing = load_pricing()
    for section in ("aws", "azure", "server"):
        for entry in pricing[section]["prices"].values():
            entry.update(price=1.0, per=1_000_000)  # $1 per million of anything …
    for meter in ("dynamodb_storage_gb", "s3_storage_gb"):
        pricing["aws"]["prices"][meter].update(price=0.25, per=1)  # … but $0.25 per GB-month
    for meter in ("notification_hubs_namespace", "webpubsub_unit_days"):
        pricing["azure"]["prices"][meter].update(price=10.0, per=1)  # … and $10 per unit
    for tier, price in (("b1", 10), ("b2", 50), ("b3", 500), ("s1", 25), ("s2", 250), ("s3", 2500)):
        pricing["azure"]["prices"][f"iot_hub_{tier}_units"].update(price=price, per=1)
    return pricing


def bill(cloud: str, bench: Path, workload: Workload = SMALL) -> dict[str, float]:
    found = estimate(workload, bench=bench, pricing=made_up_pricing())
    (chosen,) = [b for b in found.bills if b.cloud == cloud]
    return {line.meter: line.quantity for line in chosen.lines} | {"total": chosen.total}


def test_aws_quantities_by_hand(tmp_path: Path) -> None:
    got = bill("aws", tmp_path / "absent.json")
    expected = {
        # packet: its day item appended to (1 WRU) and moved to a chunk every 40 readings (2);
        # its tracker read in the batch (0.5 RRU) and the batch's query of who listens (0.5)
        # bundle: a transaction of a chunk (2 KB) and the day item, twice each; its own item
        # written twice; reads of the day, its chunks, its item, and its tracker (0.5)
        "dynamodb_wru": PACKETS * (1 + 2 / 40) + APP_OPENS * 6 + PUSHES + BUNDLES * (4 + 2 + 2),
        "dynamodb_rru": PACKETS * (0.5 + 0.5)
        + APP_OPENS * 18
        + PUSHES
        + LIVE_UPDATES
        + BUNDLES * 3.5,
        "eventbridge_events": PUSHES,  # goals and batteries only, never a packet's
        "iot_rules": PACKETS,
        "iot_actions": PACKETS,
        "iot_connection_minutes": 10 * 1440 * 30,
        "sqs_requests": PACKETS * 1.2 + BUNDLES * 3 + IDLE_POLLS,
        "lambda_requests": PACKETS + APP_OPENS * 6 + PUSHES + BUNDLES * 3,
        # seconds × GB: 50 ms a lone packet at 0.5 GB; 0.5 s; 0.2 s at 0.5 GB; 0.5 s at 1 GB
        "lambda_gb_seconds": PACKETS * 0.025 + APP_OPENS * 0.25 + PUSHES * 0.1 + BUNDLES * 0.5,
        "http_api_requests": APP_OPENS * 4 + BUNDLES * 2,
        "websocket_messages": LIVE_UPDATES,
        "websocket_connection_minutes": APP_OPENS * 2,
        "sns_publishes": PUSHES,
        "sns_mobile_push": PUSHES,
        "s3_put": BUNDLES,
        "s3_get": BUNDLES,
        "dynamodb_storage_gb": (READINGS_KEPT * 18 + 10 * 90 * 1024) / GB,
        "s3_storage_gb": BUNDLE_BYTES / GB,
    }
    assert got.keys() - {"total"} == expected.keys()
    for meter, quantity in expected.items():
        assert got[meter] == pytest.approx(quantity), meter
    storage = expected.pop("dynamodb_storage_gb") + expected.pop("s3_storage_gb")
    assert got["total"] == pytest.approx(sum(expected.values()) / 1e6 + storage * 0.25)


def test_azure_quantities_by_hand(tmp_path: Path) -> None:
    got = bill("azure", tmp_path / "absent.json")
    expected = {
        # packet: the tracker, its pet-day read and written, and the batch's query of who
        # listens; app open: 3 reads a call, the tombstone a call and at the negotiate, the
        # listener entry and the clean-up; bundle: its day and 4 bundle operations
        "table_transactions": PACKETS * 4 + APP_OPENS * 19 + PUSHES * 2 + BUNDLES * 6,
        "eventgrid_operations": PUSHES * 2 + BUNDLES * 2,  # publish + delivery
        "functions_executions": PACKETS + APP_OPENS * 5 + PUSHES + BUNDLES * 3,
        # seconds × 2 GB: 50 ms a lone packet, 0.5 s, 0.2 s, 0.5 s
        "functions_gb_seconds": (PACKETS * 0.05 + APP_OPENS * 0.5 + PUSHES * 0.2 + BUNDLES * 0.5)
        * 2,
        "blob_writes": BUNDLES,
        "blob_reads": BUNDLES,
        "queue_operations": BUNDLES * 3,
        "iot_hub_b1_units": 1,  # 14,400 messages a day: one basic unit (400,000)
        "notification_hubs_namespace": 1,
        "notification_hubs_extra_pushes": 0,  # 330 pushes of 10 million included
        "webpubsub_unit_days": 30,  # 1 unit (1 owner at peak of 1,000) × 30 days
        "webpubsub_extra_messages": 0,  # 3,000 of 30 million included
        "table_storage_gb": (READINGS_KEPT * 18 + 10 * 90 * 1024) / GB,
        "blob_storage_gb": BUNDLE_BYTES / GB,
    }
    assert got.keys() - {"total"} == expected.keys()
    for meter, quantity in expected.items():
        assert got[meter] == pytest.approx(quantity), meter
    units = expected.pop("iot_hub_b1_units") * 10 + expected.pop("notification_hubs_namespace") * 10
    units += expected.pop("webpubsub_unit_days") * 10
    assert got["total"] == pytest.approx(units + sum(expected.values()) / 1e6)


def test_a_batch_holds_what_comes_in_the_window_at_the_fleets_rate(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """10,000 trackers send 167 packets a second, 33 to each of the 5 pollers."""
    fleet = Workload(trackers=10_000, owners=8_000)
    monkeypatch.setattr(batching, "aws_batching", lambda: (1000, 20))
    assert batching.packets_per_invocation(fleet) == pytest.approx(10_000 / 60 / 5 * 20)
    monkeypatch.setattr(batching, "aws_batching", lambda: (100, 20))
    assert batching.packets_per_invocation(fleet) == 100  # the batch size caps it
    monkeypatch.setattr(batching, "aws_batching", lambda: (10, 0))
    assert batching.packets_per_invocation(fleet) == 10  # no window: what a receive returns
    assert batching.packets_per_invocation(SMALL) == 1  # a lone packet: a batch of one
    monkeypatch.setattr(batching, "azure_batching", lambda: (1000, 500, 20))
    assert batching.packets_per_execution(fleet) == 500  # 4 partitions, 42 a second: the fewest
    monkeypatch.setattr(batching, "azure_batching", lambda: (100, 1, 0))
    assert batching.packets_per_execution(fleet) == pytest.approx(10_000 / 60 / 4)


def test_the_deployment_files_declare_the_batching_the_estimate_reads() -> None:
    assert batching.aws_batching() == (1000, 20)  # template.yaml's PROD
    assert batching.azure_batching() == (1000, 500, 20)  # main.bicep's prod


@pytest.mark.parametrize(
    "a_day, tier",
    [
        (14_400, ("b1", 1)),
        (1_000_000, ("b1", 3)),  # 3 × $10 beats a b2 unit's $50
        (14_400_000, ("b2", 3)),  # 10,000 trackers, a packet a minute
        (400_000_000, ("b3", 2)),
    ],
)
def test_the_cheapest_iot_hub_tier_for_the_messages_a_day(
    a_day: int, tier: tuple[str, int]
) -> None:
    prices = {"b1": 10, "b2": 50, "b3": 500, "s1": 25, "s2": 250, "s3": 2500}
    assert iot_hub_tier(a_day, prices) == tier


def test_the_same_load_on_one_server_is_priced_beside_the_clouds(tmp_path: Path) -> None:
    small = bill("server", tmp_path / "absent.json")
    assert small == pytest.approx(
        {
            "ec2_t4g_small_hours": 720,
            "rds_t4g_micro_hours": 720,
            "rds_storage_gb": 20,  # RDS's least; 1.3 million rows of 100 B take 0.12 GB
            "ebs_storage_gb": 20,
            "total": (720 + 720 + 20 + 20) / 1e6,
        }
    )
    busy = bill("server", tmp_path / "absent.json", Workload(trackers=30_000, owners=1))
    assert busy["ec2_t4g_medium_hours"] == busy["rds_t4g_small_hours"] == 720  # 500 a second
    assert busy["rds_storage_gb"] == math.ceil(30_000 * 1440 * 90 * 100 / GB)


def test_bench_results_replace_the_defaults_of_the_use_cases_they_measured(tmp_path: Path) -> None:
    results = tmp_path / "results.json"
    measured = {"aws": {"packet": {"dynamodb_wru": 5, "duration_ms": 500}, "unknown": {"x": 1}}}
    measured["run"] = {"date": "2026-11-30 10:00 UTC", "commit": "abc1234", "quick": False}
    timings = {"aws": {"pawtrack": {"median_us": 900}}}  # bench's other sections are no counts
    results.write_text(json.dumps({"cost_profiles": measured, **timings}))
    found = estimate(SMALL, bench=results, pricing=made_up_pricing())
    aws = found.bills[0]
    quantities = {line.meter: line.quantity for line in aws.lines}
    assert quantities["dynamodb_wru"] == PACKETS * 5 + APP_OPENS * 6 + PUSHES + BUNDLES * 8
    assert quantities["lambda_gb_seconds"] == pytest.approx(
        PACKETS * 0.25 + APP_OPENS * 0.25 + PUSHES * 0.1 + BUNDLES * 0.5  # 0.5 s at 0.5 GB
    )
    assert aws.sources["packet"] == "bench/results.json"
    assert aws.sources["push"] == "ARCHITECTURE.md"
    assert set(found.bills[1].sources.values()) == {"ARCHITECTURE.md"}
    assert found.measured_by == "results.json of 2026-11-30 10:00 UTC, commit abc1234"


def test_bench_quantities_per_reading_are_worked_out_for_the_workload(tmp_path: Path) -> None:
    """bench writes {fixed, per_reading}: a packet's per its readings, a bundle's per its own."""
    results = tmp_path / "results.json"
    line = {"table_transactions": {"fixed": 3, "per_reading": 0.1}}
    bundle = {"table_transactions": {"fixed": 0, "per_reading": 0.04}}
    results.write_text(json.dumps({"cost_profiles": {"azure": {"packet": line, "bundle": bundle}}}))
    workload = Workload(trackers=10, owners=5, packets_per_hour=20, readings_per_packet=3)
    found = estimate(workload, bench=results, pricing=made_up_pricing())
    azure = {line.meter: line.quantity for line in found.bills[1].lines}
    packets = 10 * 20 * 24 * 30
    # packets of 3 readings: 3 + 0.3 = 3.3; bundles of 60 minutes of a reading a minute: 2.4
    assert azure["table_transactions"] == pytest.approx(
        packets * 3.3 + APP_OPENS * 19 + PUSHES * 2 + BUNDLES * 2.4
    )
    assert found.bills[1].sources["bundle"] == "bench/results.json"


def test_the_free_tier_comes_off_only_when_asked(tmp_path: Path) -> None:
    absent = tmp_path / "absent.json"
    listed = estimate(SMALL, bench=absent).bills[0]
    free = estimate(SMALL, bench=absent, free_tier=True).bills[0]
    cost = {line.meter: line.cost for line in free.lines}
    assert cost["lambda_gb_seconds"] == 0  # 11,026 of 400,000 free
    assert free.total < listed.total


def test_the_cli_prints_both_clouds_the_server_and_the_assumptions() -> None:
    result = CliRunner().invoke(
        main, ["cost", "--trackers", "1000", "--readings-per-minute", "1", "--owners", "800"]
    )
    assert result.exit_code == 0, result.output
    for title in ("total AWS", "total AZURE", "total ONE SERVER", "Per tracker and month:"):
        assert title in result.output
    assert "DynamoDB writes" in result.output and "Table Storage transactions" in result.output
    assert "Assumptions:" in result.output and "free tiers ignored" in result.output


@pytest.mark.parametrize("trackers", ["1", "10000000"])
def test_the_table_lines_up_its_columns_at_any_size(trackers: str) -> None:
    args = ["cost", "--trackers", trackers, "--owners", trackers, "--packets-per-hour", "3600"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    for table in result.output.split("\n\n")[:3]:
        header, rule, *rest = table.splitlines()[1:]
        lines = rest[: rest.index(rule) + 2]  # the services, the rule, the total
        assert {len(line) for line in [header, *lines]} == {len(rule)}, table
        quantity_ends = {len(line.split("  ")[0]) for line in lines if line != rule}
        assert max(quantity_ends) < header.index("quantity"), table  # no name runs into a number


def test_every_meter_has_a_service_name_on_the_bill() -> None:
    pricing = load_pricing()
    meters = {
        meter for section in ("aws", "azure", "server") for meter in pricing[section]["prices"]
    }
    assert meters <= set(SERVICES), meters - set(SERVICES)


def test_the_cli_takes_a_packet_interval_and_readings_per_packet() -> None:
    args = ["cost", "--trackers", "100", "--owners", "80", "--packets-per-hour", "4"]
    result = CliRunner().invoke(main, [*args, "--readings-per-packet", "15", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert "4 MQTT packet(s) an hour of 15 reading(s)" in document["assumptions"][0]
    assert set(document["clouds"]) == {"aws", "azure"} and document["server"]["total"] > 0
    clash = CliRunner().invoke(main, [*args, "--readings-per-minute", "2"])
    assert clash.exit_code == 2 and "a packet a minute" in clash.output


def test_the_cli_answers_json_with_a_total_per_cloud() -> None:
    args = ["cost", "--trackers", "10", "--readings-per-minute", "1", "--owners", "5", "--json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert set(document["clouds"]) == {"aws", "azure"}
    for bill in document["clouds"].values():
        costs = [line["monthly_cost"] for line in bill["lines"]]
        assert bill["total"] == pytest.approx(sum(costs)) and bill["total"] > 0
        assert bill["per_tracker"] == pytest.approx(bill["total"] / 10)


@pytest.mark.parametrize("option", ["--trackers", "--readings-per-minute", "--owners"])
@pytest.mark.parametrize("value", ["0", "-3"])
def test_the_cli_refuses_counts_below_one(option: str, value: str) -> None:
    counts = {"--trackers": "10", "--readings-per-minute": "1", "--owners": "5", option: value}
    args = ["cost", *(part for pair in counts.items() for part in pair)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert f"Invalid value for '{option}': {value} is not in the range x>=1" in result.output


def test_the_workload_refuses_counts_below_one() -> None:
    with pytest.raises(ValueError, match="owners must be a positive number"):
        Workload(trackers=1, owners=0)


def test_every_price_names_its_unit_source_and_date() -> None:
    pricing = load_pricing()
    assert "list prices" in pricing["about"].lower() and pricing["currency"] == "USD"
    for section, region in (("aws", "us-east-1"), ("azure", "westeurope"), ("server", "us-east-1")):
        assert pricing[section]["region"].startswith(region)
        for meter, entry in pricing[section]["prices"].items():
            assert entry["unit"].strip(), meter
            assert entry["source"].startswith("https://"), meter
            assert date.fromisoformat(entry["as_of"]) <= date.today(), meter
            assert entry["price"] > 0 and entry["per"] > 0, meter
