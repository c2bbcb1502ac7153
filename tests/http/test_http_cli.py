"""`pawtrack` with click's CliRunner: tokens, API keys, the demo, the outbox."""

from __future__ import annotations

import re
from datetime import date, timedelta
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
from entrypoints.wiring import Container

pytest_plugins = ["http_fixtures"]
OPERATOR = Caller("ops", is_admin=True)


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
    token = re.search(r"export TOKEN=(\S+)", result.output)
    activity = re.search(r"(/pets/\w+/activity/[\d-]+)", result.output)
    assert token and activity, result.output
    return {"token": token[1], "activity": activity[1], "output": result.output}


def test_the_demo_seeds_a_week_that_can_be_read(api: Api, container: Container) -> None:
    first = _demo(container)
    assert first["activity"].endswith(NOW.date().isoformat())
    today = api.ok("GET", first["activity"], first["token"])
    assert today["steps"] > 0 and today["tracked_km"] > 0
    assert 'curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8000/pets\n' in first["output"]
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
    lines = run(container, "outbox").output.splitlines()
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
    assert run(container, "serve", "--port", "9000").exit_code == 0
    assert served == [(container, "127.0.0.1", 9000)]
