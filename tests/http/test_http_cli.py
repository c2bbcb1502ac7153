"""`pawtrack` with click's CliRunner: tokens, API keys, the demo, the outbox."""

from __future__ import annotations

import re
import socket
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from http_support import NOW, Api, make_container, problem, webhook

from application.use_cases.record_readings import RecordReadingsCommand
from application.use_cases.register_app import RegisterAppCommand
from application.use_cases.register_phone import RegisterPhoneCommand
from domain.access import Caller
from entrypoints.cli import main
from entrypoints.local.server import free_port
from entrypoints.wiring import Container

pytest_plugins = ["http_fixtures"]
OPERATOR = Caller("ops", is_admin=True)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo writes demo.env into PAWTRACK_DATA_DIR: the test's, never the repository's."""
    monkeypatch.setenv("PAWTRACK_DATA_DIR", str(tmp_path))
    return tmp_path


def run(container: Container, *args: str) -> Result:
    result = CliRunner().invoke(main, list(args), obj=container)
    return result


def test_token_prints_a_token_for_a_registered_user(api: Api, container: Container) -> None:
    result = run(container, "token", "alice")
    assert result.exit_code == 0, result.output
    assert api.ok("GET", "/me", result.output.strip())["id"] == "alice"
    problem(api.call("GET", "/users", result.output.strip()), 403)
    admin = run(container, "token", "ops", "--admin").output.strip()
    names = [user["name"] for user in api.ok("GET", "/users", admin)["users"]]
    assert names == ["alice", "ops"]


def test_token_for_an_app_acts_for_the_user(api: Api, container: Container) -> None:
    vet = container.register_app()(RegisterAppCommand(OPERATOR, "Vet")).id
    as_app = run(container, "token", "alice", "--app", vet).output.strip()
    problem(api.call("GET", "/grants", as_app), 403)


def test_no_token_for_an_app_never_registered(container: Container) -> None:
    """Cognito and Entra issue tokens only to the clients they know; so does the local issuer."""
    refused = run(container, "token", "alice", "--app", "never-registered")
    assert refused.exit_code == 1 and "no registered app" in refused.output


def test_an_api_key_is_printed_once_and_can_be_revoked(api: Api, container: Container) -> None:
    created = CliRunner().invoke(
        main, ["api-keys", "create", "--purpose", "content", "--name", "cms"], obj=container
    )
    assert created.exit_code == 0, created.output
    key = created.stdout.strip()
    assert webhook(api, key).status == 200
    assert run(container, "api-keys", "revoke", key.split("_")[1]).exit_code == 0
    problem(webhook(api, key), 401)


def test_refused_key_commands_say_why(container: Container) -> None:
    unknown = run(container, "api-keys", "revoke", "000000000000")
    assert unknown.exit_code == 1 and "no API key" in unknown.output
    nameless = run(container, "api-keys", "create", "--purpose", "ingest", "--name", " ")
    assert nameless.exit_code == 1 and "name" in nameless.output
    assert run(container, "api-keys", "create", "--purpose", "all", "--name", "x").exit_code == 2


def _demo(container: Container) -> dict[str, Any]:
    result = run(container, "demo")
    assert result.exit_code == 0, result.output
    values = dict(re.findall(r"^export (\w+)=(\S+)$", result.output, re.MULTILINE))
    assert values.keys() == {"BASE", "TOKEN", "PET", "FROM", "DAY", "CONTENT_KEY", "INGEST_KEY"}, (
        values
    )
    activity = f"/pets/{values['PET']}/activity/{values['DAY']}"
    return {"token": values["TOKEN"], "activity": activity, "output": result.output} | values


def test_the_demo_seeds_a_week_that_can_be_read(api: Api, container: Container) -> None:
    first = _demo(container)
    assert first["activity"].endswith(NOW.date().isoformat())
    today = api.ok("GET", first["activity"], first["token"])
    assert today["steps"] > 0 and today["tracked_km"] > 0
    assert 'curl -H "Authorization: Bearer $TOKEN" $BASE/pets\n' in first["output"]
    assert first["BASE"] == "http://127.0.0.1:8000"
    assert webhook(api, first["CONTENT_KEY"]).status == 200
    ingest = {
        "tracker": "DEMO-001",
        "readings": [{"time": f"{first['DAY']}T00:30:00Z", "steps": 1}],
    }
    headers = {"X-Api-Key": first["INGEST_KEY"]}
    assert api.call("POST", "/ingest/readings", json_body=ingest, headers=headers).status == 200
    recommendations = api.ok(
        "GET", first["activity"].split("/activity")[0] + "/recommendations", first["token"]
    )
    assert recommendations["recommendations"] is not None


@pytest.mark.parametrize("cloud", ["memory", "local"])
def test_the_demo_twice_changes_nothing(tmp_path: Path, cloud: str) -> None:
    container, _ = make_container(tmp_path, cloud)
    api = Api(container)
    first, second = _demo(container), _demo(container)
    assert first["activity"] == second["activity"]
    assert "Readings: 0 new" in second["output"]
    # The keys of the first run are used again, not issued anew every run.
    assert (second["CONTENT_KEY"], second["INGEST_KEY"]) == (
        first["CONTENT_KEY"],
        first["INGEST_KEY"],
    )
    assert len(run(container, "api-keys", "list").output.splitlines()) == 2
    assert [pet["name"] for pet in api.ok("GET", "/pets", second["token"])["pets"]] == ["Rex"]


def test_the_outbox_shows_what_was_pushed(api: Api, container: Container) -> None:
    seeded = _demo(container)
    pet_id = seeded["activity"].split("/")[2]
    days = container.ports.ledger().totals(pet_id, date(2026, 11, 1), date(2026, 11, 30))
    goal_days = [day for day, totals in days.items() if totals.steps >= 8000]
    container.register_phone()(RegisterPhoneCommand(Caller("demo"), "pixel", "android", "t"))
    # A low battery after the demo's last reading reaches both of the demo owner's phones.
    later = (NOW + timedelta(minutes=2)).isoformat()
    container.record_readings()(
        RecordReadingsCommand("DEMO-001", [{"time": later, "steps": 1, "battery": 5}])
    )
    goal = "demo demo-phone (ios): Rex reached the daily goal of 8000 steps"
    battery = "needs charging (5% left)"
    stamped = [line.split("  ", 1) for line in run(container, "outbox").output.splitlines()]
    assert all(datetime.fromisoformat(sent) for sent, _ in stamped)  # each line says when
    lines = [line for _, line in stamped]
    assert goal_days and lines[: len(goal_days)] == [goal] * len(goal_days)
    assert [line.split(":")[0] for line in lines[len(goal_days) :]] == [
        "demo demo-phone (ios)",
        "demo pixel (android)",
    ]
    assert all(battery in line for line in lines[len(goal_days) :])
    assert run(container, "outbox", "--owner", "someone-else").output == ""


def test_commands_build_their_container_from_the_environment(tmp_path: Path) -> None:
    env = {"PAWTRACK_CLOUD": "memory", "PAWTRACK_DATA_DIR": str(tmp_path)}
    result = CliRunner().invoke(main, ["token", "alice"], env=env)
    assert result.exit_code == 0 and result.output.count(".") == 2


def test_serve_serves_the_container(container: Container, monkeypatch: pytest.MonkeyPatch) -> None:
    served: list[tuple[object, str, int]] = []
    monkeypatch.setattr(
        "entrypoints.local.server.serve", lambda c, host, port: served.append((c, host, port))
    )
    port = free_port()
    assert run(container, "serve", "--port", str(port)).exit_code == 0
    assert served == [(container, "127.0.0.1", port)]


def test_serve_refuses_a_taken_port_before_seeding(container: Container) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        refused = run(container, "serve", "--demo", "--port", str(port))
    assert refused.exit_code == 1 and f"PORT={port + 1}" in refused.output
    assert "Owner 'demo'" not in refused.output


def test_api_keys_list_shows_prefixes_purposes_and_revocations(container: Container) -> None:
    assert run(container, "api-keys", "list").exit_code == 0
    made = [
        run(container, "api-keys", "create", "--purpose", p, "--name", p)
        for p in ("ingest", "content")
    ]
    prefixes = [result.stdout.strip().split("_")[1] for result in made]
    run(container, "api-keys", "revoke", prefixes[0])
    listed = [line.split() for line in run(container, "api-keys", "list").output.splitlines()]
    expected = {
        (prefixes[0], "ingest", "revoked", "ingest"),
        (prefixes[1], "content", "active", "content"),
    }
    assert {tuple(line) for line in listed} == expected
    assert not any(result.stdout.strip() in str(listed) for result in made)


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_answers_to_h_on_every_command(container: Container, flag: str) -> None:
    for command in ([], ["serve"], ["api-keys", "list"], ["cost"]):
        result = run(container, *command, flag)
        assert result.exit_code == 0 and result.output.startswith("Usage:"), command


def test_version_names_the_package(container: Container) -> None:
    result = run(container, "--version")
    assert result.exit_code == 0 and re.fullmatch(
        r"pawtrack, version \d+\.\d+\.\d+\n", result.output
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [("PAWTRACK_CLOUD", "gcp"), ("PAWTRACK_BASE_URL", "localhost:8000")],
)
def test_a_configuration_error_is_one_line_naming_the_variable(variable: str, value: str) -> None:
    result = CliRunner().invoke(main, ["outbox"], env={variable: value})
    assert result.exit_code == 1 and variable in result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
