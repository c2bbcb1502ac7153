"""`pawtrack cost`: the arithmetic by hand, the CLI, and the price list's provenance."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from costing import Workload, estimate
from costing.prices import load_pricing
from entrypoints.cli import main

GB = 2**30
SMALL = Workload(trackers=10, readings_per_minute=1, owners=5)
# Each month, for SMALL (30 days):
PACKETS = 10 * 1440 * 30  # 432,000 packets of 1 reading
APP_OPENS = 5 * 5 * 30  # 750 opens
LIVE_UPDATES = PACKETS * (5 * 2 / 1440)  # 3,000: the app is open 10 minutes a day
PUSHES = 10 * (1 + 0.1) * 30  # 330: a goal a day and a battery alert every 10 days per tracker
BUNDLES = 10 * 0.1 * 30  # 30 bundles of 60 readings
READINGS_KEPT = 10 * 1 * 1440 * 90  # 1,296,000 readings over 90 days
BUNDLE_BYTES = 10 * 0.1 * 30 * 60 * 60  # 30 days of bundles, 60 readings of 60 B each


def made_up_pricing() -> dict[str, Any]:
    """Round prices, so the expected costs below are easy to check by hand."""
    pricing = load_pricing()
    for cloud in ("aws", "azure"):
        for entry in pricing[cloud]["prices"].values():
            entry.update(price=1.0, per=1_000_000)  # $1 per million of anything …
    for meter in ("dynamodb_storage_gb", "s3_storage_gb"):
        pricing["aws"]["prices"][meter].update(price=0.25, per=1)  # … but $0.25 per GB-month
    fixed = ("iot_hub_units", "notification_hubs_namespace", "webpubsub_unit_days")
    for meter in fixed:
        pricing["azure"]["prices"][meter].update(price=10.0, per=1)  # … and $10 per unit
    return pricing


def bill(cloud: str, bench: Path) -> dict[str, float]:
    found = estimate(SMALL, bench=bench, pricing=made_up_pricing())
    (chosen,) = [b for b in found.bills if b.cloud == cloud]
    return {line.meter: line.quantity for line in chosen.lines} | {"total": chosen.total}


def test_aws_quantities_and_cost_by_hand(tmp_path: Path) -> None:
    got = bill("aws", tmp_path / "absent.json")
    expected = {
        # packet: GetItem tracker, pet, owner + 1 marker + GetItem totals + Query connections;
        # app open: 3 per call + 1, and the erased-accounts tombstone per call and $connect: 18
        "dynamodb_rru": PACKETS * 6 + APP_OPENS * 18 + PUSHES * 1 + BUNDLES * (3 + 60 + 1 + 2),
        # packet: 3 transactional items (marker, reading, totals) × 2 + 2 GSI copies + tracker
        # bundle: 60 × 2 + ⌈60/49⌉ = 122 items × 2 + 120 GSI copies + tracker + 2 bundle writes
        "dynamodb_wru": PACKETS * 9 + APP_OPENS * 4 + PUSHES * 1 + BUNDLES * (244 + 120 + 1 + 2),
        "eventbridge_events": PACKETS + PUSHES + BUNDLES,
        "iot_messages": PACKETS,  # 160 bytes fit one 5 KB unit
        "iot_rules": PACKETS,
        "iot_actions": PACKETS,
        "iot_connection_minutes": 10 * 1440 * 30,
        "lambda_requests": PACKETS * 2 + APP_OPENS * 6 + PUSHES * 1 + BUNDLES * 5,
        # seconds × GB: 0.25 s at 0.5 GB; 0.5 s at 0.5 GB; 0.2 s at 0.5 GB; 1.4 s at 1 GB
        "lambda_gb_seconds": PACKETS * 0.125 + APP_OPENS * 0.25 + PUSHES * 0.1 + BUNDLES * 1.4,
        "http_api_requests": APP_OPENS * 4 + BUNDLES * 2,
        "websocket_messages": LIVE_UPDATES,
        "websocket_connection_minutes": APP_OPENS * 2,
        "sns_publishes": PUSHES,
        "sns_mobile_push": PUSHES,
        "s3_put": BUNDLES,
        "s3_get": BUNDLES,
        "sqs_requests": BUNDLES * 3,
        "dynamodb_storage_gb": READINGS_KEPT * 700 / GB,
        "s3_storage_gb": BUNDLE_BYTES / GB,
    }
    assert expected["dynamodb_wru"] == 3_902_340
    assert got.keys() - {"total"} == expected.keys()
    for meter, quantity in expected.items():
        assert got[meter] == pytest.approx(quantity), meter
    storage = expected.pop("dynamodb_storage_gb") + expected.pop("s3_storage_gb")
    # $1 per million of every request meter, $0.25 per GB-month:
    # 9,598,372.5 requests → $9.60, 0.85 GB → $0.21: $9.81
    assert round(got["total"], 2) == round(sum(expected.values()) / 1e6 + storage * 0.25, 2)
    assert round(got["total"], 2) == 9.81


def test_azure_quantities_and_cost_by_hand(tmp_path: Path) -> None:
    got = bill("azure", tmp_path / "absent.json")
    expected = {
        # packet: tracker, pet, owner, marker query, 1 marker transaction, totals read,
        # 1 day transaction, signals read and write, tracker = 10; bundle: 10 + 4 bundle ops;
        # app open: 3 reads per call and the tombstone per call and negotiate: 4 × 4 + 1 = 17
        "table_transactions": PACKETS * 10 + APP_OPENS * 17 + PUSHES * 2 + BUNDLES * 14,
        "eventgrid_operations": PACKETS * 2 + PUSHES * 2 + BUNDLES * 4,  # publish + delivery
        # a tenth of an iot_readings execution (batches of 10) + one events_announce
        "functions_executions": PACKETS * 1.1 + APP_OPENS * 5 + PUSHES + BUNDLES * 5,
        # seconds × 2 GB: 0.25 s, 0.5 s, 0.2 s, 1.4 s
        "functions_gb_seconds": (PACKETS * 0.25 + APP_OPENS * 0.5 + PUSHES * 0.2 + BUNDLES * 1.4)
        * 2,
        "blob_writes": BUNDLES,
        "blob_reads": BUNDLES,
        "queue_operations": BUNDLES * 3,
        "iot_hub_units": 1,  # 14,400 messages a day: one S1 unit (400,000)
        "notification_hubs_namespace": 1,
        "notification_hubs_extra_pushes": 0,  # 330 pushes of 10 million included
        "webpubsub_unit_days": 30,  # 1 unit (1 owner at peak of 1,000) × 30 days
        "webpubsub_extra_messages": 0,  # 3,000 of 30 million included
        "table_storage_gb": READINGS_KEPT * 300 / GB,
        "blob_storage_gb": BUNDLE_BYTES / GB,
    }
    assert expected["functions_gb_seconds"] == 216_966
    assert got.keys() - {"total"} == expected.keys()
    for meter, quantity in expected.items():
        assert got[meter] == pytest.approx(quantity), meter
    units = expected.pop("iot_hub_units") + expected.pop("notification_hubs_namespace")
    units += expected.pop("webpubsub_unit_days")
    # $10 a unit: 32 units = $320, plus $1 per million of everything else:
    # 4,333,830 + 864,780 + 479,430 + 216,966 + 150 + 0.36 GB → $5.90: $325.90
    assert round(got["total"], 2) == round(units * 10 + sum(expected.values()) / 1e6, 2)
    assert round(got["total"], 2) == 325.90


def test_bench_results_replace_the_defaults_of_the_use_cases_they_measured(tmp_path: Path) -> None:
    results = tmp_path / "results.json"
    measured = {"aws": {"packet": {"dynamodb_wru": 5, "duration_ms": 500}, "unknown": {"x": 1}}}
    timings = {"aws": {"pawtrack": {"median_us": 900}}}  # bench's other sections are no counts
    results.write_text(json.dumps({"cost_profiles": measured, **timings}))
    found = estimate(SMALL, bench=results, pricing=made_up_pricing())
    aws = found.bills[0]
    quantities = {line.meter: line.quantity for line in aws.lines}
    assert quantities["dynamodb_wru"] == PACKETS * 5 + APP_OPENS * 4 + PUSHES + BUNDLES * 367
    assert quantities["lambda_gb_seconds"] == pytest.approx(
        PACKETS * 0.25 + APP_OPENS * 0.25 + PUSHES * 0.1 + BUNDLES * 1.4  # 0.5 s at 0.5 GB
    )
    assert aws.sources["packet"] == "bench/results.json"
    assert aws.sources["push"] == "ARCHITECTURE.md"
    assert set(found.bills[1].sources.values()) == {"ARCHITECTURE.md"}


def test_bench_quantities_per_reading_are_worked_out_for_the_workload(tmp_path: Path) -> None:
    """bench writes {fixed, per_reading}, fitted through packets of 1 and 60 readings."""
    results = tmp_path / "results.json"
    line = {"table_transactions": {"fixed": 8.5, "per_reading": 0.1}}
    bundle = {"table_transactions": {"fixed": 0, "per_reading": 0.04}}
    results.write_text(json.dumps({"cost_profiles": {"azure": {"packet": line, "bundle": bundle}}}))
    workload = Workload(trackers=10, readings_per_minute=3, owners=5)
    found = estimate(workload, bench=results, pricing=made_up_pricing())
    azure = {line.meter: line.quantity for line in found.bills[1].lines}
    # packets of 3 readings: 8.5 + 0.3 = 8.8; bundles of 60 minutes × 3 = 180 readings: 7.2
    assert azure["table_transactions"] == pytest.approx(
        PACKETS * 8.8 + APP_OPENS * 17 + PUSHES * 2 + BUNDLES * 7.2
    )
    assert found.bills[1].sources["bundle"] == "bench/results.json"


def test_the_free_tier_comes_off_only_when_asked(tmp_path: Path) -> None:
    absent = tmp_path / "absent.json"
    listed = estimate(SMALL, bench=absent).bills[0]
    free = estimate(SMALL, bench=absent, free_tier=True).bills[0]
    cost = {line.meter: line.cost for line in free.lines}
    assert cost["lambda_requests"] == 0  # 868,980 of 1 million free
    assert cost["lambda_gb_seconds"] == 0  # 54,262.5 of 400,000 free
    assert free.total < listed.total


def test_the_cli_prints_both_clouds_and_the_assumptions() -> None:
    result = CliRunner().invoke(
        main, ["cost", "--trackers", "1000", "--readings-per-minute", "1", "--owners", "800"]
    )
    assert result.exit_code == 0, result.output
    assert "total AWS" in result.output and "total AZURE" in result.output
    assert "dynamodb_wru" in result.output and "table_transactions" in result.output
    assert "Assumptions:" in result.output and "free tiers ignored" in result.output


def test_the_cli_answers_json_with_a_total_per_cloud() -> None:
    args = ["cost", "--trackers", "10", "--readings-per-minute", "1", "--owners", "5", "--json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert set(document["clouds"]) == {"aws", "azure"}
    for bill in document["clouds"].values():
        costs = [line["monthly_cost"] for line in bill["lines"]]
        assert bill["total"] == pytest.approx(sum(costs)) and bill["total"] > 0


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
        Workload(trackers=1, readings_per_minute=1, owners=0)


def test_every_price_names_its_unit_source_and_date() -> None:
    pricing = load_pricing()
    assert "list prices" in pricing["about"].lower() and pricing["currency"] == "USD"
    for cloud, region in (("aws", "us-east-1"), ("azure", "westeurope")):
        assert pricing[cloud]["region"].startswith(region)
        for meter, entry in pricing[cloud]["prices"].items():
            assert entry["unit"].strip(), meter
            assert entry["source"].startswith("https://"), meter
            assert date.fromisoformat(entry["as_of"]) <= date.today(), meter
            assert entry["price"] > 0 and entry["per"] > 0, meter
