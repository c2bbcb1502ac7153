"""Azure Storage for tests: one Azurite (installed from npm by `make`, package-lock.json)
per test session on 127.0.0.1, and fresh names per test so tests never share data.

Azurite's account and key are its documented, public development credentials.
"""

from __future__ import annotations

import atexit
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parents[2]
AZURITE = ROOT / "node_modules" / ".bin" / "azurite"
ACCOUNT = "devstoreaccount1"
ACCOUNT_KEY = (
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
)
START_TIMEOUT_S = 30
_lock = threading.Lock()
_running: Azurite | None = None


@attrs.frozen
class Azurite:
    blob_port: int
    queue_port: int
    table_port: int

    def endpoint(self, port: int) -> str:
        return f"http://127.0.0.1:{port}/{ACCOUNT}"

    @property
    def connection_string(self) -> str:
        return (
            f"DefaultEndpointsProtocol=http;AccountName={ACCOUNT};AccountKey={ACCOUNT_KEY};"
            f"BlobEndpoint={self.endpoint(self.blob_port)};"
            f"QueueEndpoint={self.endpoint(self.queue_port)};"
            f"TableEndpoint={self.endpoint(self.table_port)};"
        )


def azurite() -> Azurite:
    """The session's Azurite, started on first use."""
    global _running
    with _lock:
        if _running is None:
            _running = _start()
        return _running


def unique_name(prefix: str) -> str:
    """A table, queue or container name of letters and digits, unique to the caller."""
    return f"{prefix}{uuid.uuid4().hex[:12]}"


def _start() -> Azurite:
    if not AZURITE.exists():
        raise RuntimeError(f"{AZURITE} is missing: run `make node_modules/.bin/azurite` (npm ci)")
    ports = Azurite(_free_port(), _free_port(), _free_port())
    workspace = tempfile.mkdtemp(
        prefix="azurite-"
    )  # its debug log and nothing else: data stays in memory
    process = subprocess.Popen(
        [
            str(AZURITE), "--silent", "--inMemoryPersistence", "--skipApiVersionCheck", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", str(ports.blob_port),
            "--queueHost", "127.0.0.1", "--queuePort", str(ports.queue_port),
            "--tableHost", "127.0.0.1", "--tablePort", str(ports.table_port),
        ],
        cwd=workspace,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    atexit.register(_stop, process, workspace)
    for port in (ports.blob_port, ports.queue_port, ports.table_port):
        _wait_for(port, process)
    return ports


def _stop(process: subprocess.Popen[bytes], workspace: str) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    shutil.rmtree(workspace, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Azurite exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"Azurite did not listen on 127.0.0.1:{port}")
