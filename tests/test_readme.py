"""README.md works as written: its `sh` blocks run in order, in one shell session, against a
fresh data directory.

Each command runs in bash with what the commands before it exported (`export -p` is carried
from one to the next) and must exit 0; `curl` runs with `--fail-with-body`, so an HTTP error
fails the command. `make run` serves in the background until the test ends (on a free port,
given as make's PORT). Two commands cannot run here as they are, and are named below with why.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from entrypoints.local.server import free_port

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"^```sh\n(.*?)^```$", re.MULTILINE | re.DOTALL)
# The only commands not run as written, and why.
LEFT_OUT = {"make test": "this test is part of `make test`"}
DRY_RUN = ("make deploy-", "make destroy-")  # no cloud account in a test: DRY_RUN=1
START_TIMEOUT_S = 120.0
SESSION_PRELUDE = 'curl() { command curl --silent --show-error --fail-with-body "$@"; }\n'


def readme_commands(text: str) -> list[str]:
    """Every command of every `sh` block, in order; a line ending in `\\` continues on the next."""
    commands = []
    for block in BLOCK.findall(text):
        joined = block.replace("\\\n", " ")
        commands += [line.strip() for line in joined.splitlines() if line.strip()]
    return commands


def _bare(command: str) -> str:
    return command.split("#", 1)[0].strip()


class Session:
    """One shell session: each command sees what the ones before it exported."""

    def __init__(self, directory: Path, env: dict[str, str]) -> None:
        self.state = directory / "session.sh"
        self.state.write_text(SESSION_PRELUDE)
        self.env = env
        self.servers: list[subprocess.Popen[bytes]] = []

    def run(self, command: str) -> subprocess.CompletedProcess[str]:
        script = f"set -eo pipefail\n. {self.state}\n{command}\nexport -p > {self.state}.next\n"
        done = subprocess.run(
            ["bash", "-c", script],
            cwd=ROOT,
            env=self._env_for(command),
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode == 0:
            exported = (self.state.parent / "session.sh.next").read_text()
            self.state.write_text(SESSION_PRELUDE + exported)
        return done

    def _env_for(self, command: str) -> dict[str, str]:
        return self.env | ({"DRY_RUN": "1"} if _bare(command).startswith(DRY_RUN) else {})

    def serve(self, command: str, base_url: str) -> None:
        log = (self.state.parent / "server.log").open("wb")
        server = subprocess.Popen(
            ["bash", "-c", command],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.servers.append(server)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline and server.poll() is None:
            try:
                if httpx.get(f"{base_url}/openapi.json", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.3)
        output = (self.state.parent / "server.log").read_text()
        raise AssertionError(f"`{command}` did not start serving at {base_url}:\n{output}")

    def close(self) -> None:
        for server in self.servers:
            os.killpg(server.pid, signal.SIGTERM)  # make and the server it started
            server.wait(timeout=20)


@pytest.fixture
def session(tmp_path: Path) -> Iterator[tuple[Session, str]]:
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PAWTRACK_", "MAKE", "MFLAGS"))
    }
    env |= {"PAWTRACK_DATA_DIR": str(tmp_path / "data"), "PORT": str(port)}
    running = Session(tmp_path, env)
    yield running, f"http://127.0.0.1:{port}"
    running.close()


def test_the_readme_commands_are_found_in_order() -> None:
    commands = readme_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    bare = [_bare(command) for command in commands]
    assert bare.index("make run") < bare.index(". ${PAWTRACK_DATA_DIR:-.pawtrack}/demo.env")
    assert any(command.startswith("curl -X POST $BASE/ingest/readings") for command in commands)


def test_every_readme_command_works_as_written(session: tuple[Session, str]) -> None:
    shell, base_url = session
    for command in readme_commands((ROOT / "README.md").read_text(encoding="utf-8")):
        if _bare(command) in LEFT_OUT:
            continue
        if _bare(command).startswith("make run"):
            shell.serve(command, base_url)
            continue
        done = shell.run(command)
        assert done.returncode == 0, f"`{command}` failed:\n{done.stdout}\n{done.stderr}"
