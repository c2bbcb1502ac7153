"""`pawtrack import-bundle` and `pawtrack export`: files in and out, with a progress bar."""

from __future__ import annotations

import gzip
import json
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from http_support import NOW, Api, make_container

from application.use_cases.list_bundles import ListBundlesQuery
from domain.access import Caller
from domain.clockwork import format_instant
from domain.errors import AccessDenied
from entrypoints.cli import main
from entrypoints.wiring import Container

READINGS = [  # after the demo's week (its last reading is on the hour before NOW)
    {"time": format_instant(NOW - timedelta(minutes=20)), "steps": 400, "battery": 80},
    {"time": format_instant(NOW - timedelta(minutes=10)), "steps": 600},
    {"time": "not a time", "steps": 1},
]


@pytest.fixture
def seeded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Container:
    monkeypatch.setenv("PAWTRACK_DATA_DIR", str(tmp_path))
    container, _ = make_container(tmp_path, "local")
    assert run(container, "demo").exit_code == 0
    return container


def run(container: Container, *args: str) -> Result:
    return CliRunner().invoke(main, list(args), obj=container)


def test_a_bundle_file_is_imported_with_its_report(seeded: Container, tmp_path: Path) -> None:
    file = tmp_path / "bundle.jsonl"
    file.write_text("".join(json.dumps(reading) + "\n" for reading in READINGS))
    result = run(seeded, "import-bundle", "DEMO-001", str(file), "--owner", "demo")
    assert result.exit_code == 0, result.output
    assert "reading" in result.output  # the bar's label (a terminal also shows the bar)
    assert "2 accepted, 0 already known, 0 quarantined, 1 rejected" in result.output
    again = run(seeded, "import-bundle", "DEMO-001", str(file), "--owner", "demo")
    assert "0 accepted, 2 already known" in again.output
    assert "line 3: time: time must be an ISO 8601 date-time" in result.output


def test_a_bundle_for_someone_elses_tracker_is_refused(seeded: Container, tmp_path: Path) -> None:
    file = tmp_path / "bundle.jsonl"
    file.write_text(json.dumps(READINGS[0]) + "\n")
    refused = run(seeded, "import-bundle", "DEMO-001", str(file), "--owner", "mallory")
    assert refused.exit_code == 1 and "no such tracker" in refused.output


def test_an_export_writes_every_record_of_the_owner(seeded: Container, tmp_path: Path) -> None:
    target = tmp_path / "demo.jsonl.gz"
    result = run(seeded, "export", "demo", str(target))
    assert result.exit_code == 0, result.output
    with gzip.open(target, "rt", encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    assert f"{len(records)} records written" in result.output and "exporting" in result.output
    kinds = {record["type"] for record in records}
    assert {"profile", "pet", "tracker", "reading", "phone"} <= kinds
    readings = [record for record in records if record["type"] == "reading"]
    assert len(readings) == 7 * 24
    pets = Api(seeded).ok("GET", "/pets", _token(seeded))["pets"]
    assert [record["id"] for record in records if record["type"] == "pet"] == [pets[0]["id"]]


def _token(container: Container) -> str:
    return run(container, "token", "demo").output.strip()


def test_bundles_are_listed_for_their_owner_and_administrators(
    seeded: Container, tmp_path: Path
) -> None:
    file = tmp_path / "bundle.jsonl"
    file.write_text(json.dumps(READINGS[0]) + "\n")
    assert run(seeded, "import-bundle", "DEMO-001", str(file), "--owner", "demo").exit_code == 0
    listed = seeded.list_bundles()
    [bundle] = listed(ListBundlesQuery(Caller("demo")))
    assert bundle.report is not None and bundle.report.accepted == 1
    assert listed(ListBundlesQuery(Caller("ops", is_admin=True), "demo")) == [bundle]
    assert listed(ListBundlesQuery(Caller("mallory"))) == []
    with pytest.raises(AccessDenied):
        listed(ListBundlesQuery(Caller("mallory"), "demo"))
    with pytest.raises(AccessDenied):
        listed(ListBundlesQuery(Caller("demo", app_id="vetbook")))
