"""What the host indexes: importing function_app builds nothing and loads no web framework;
the first invocation builds the container from the app settings; host.json as the code needs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from application.messages.jobs import MAX_JOB_ATTEMPTS

ROOT = Path(__file__).resolve().parents[2]
HOST_JSON = ROOT / "entrypoints" / "azure_functions" / "host.json"
FRAMEWORKS = ("starlette", "uvicorn", "fastapi", "flask", "django")

NOTHING_BUILT = """
import sys
import entrypoints.wiring
from azure.data.tables import TableServiceClient
from azure.eventgrid import EventGridPublisherClient
from azure.messaging.webpubsubservice import WebPubSubServiceClient
from azure.storage.blob import BlobServiceClient
from azure.storage.queue import QueueClient

def refuse(*args, **kwargs):
    raise AssertionError("built at import time")

for client in (TableServiceClient, BlobServiceClient, QueueClient, WebPubSubServiceClient):
    client.__init__ = refuse
    client.from_connection_string = refuse
EventGridPublisherClient.__init__ = refuse
entrypoints.wiring.build_container = refuse
from entrypoints.azure_functions.function_app import app
from entrypoints.azure_functions import runtime
assert len(app.get_functions()) > 30
print("built" if runtime._runtime.built else "nothing built")
"""


def python(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_importing_the_function_app_builds_no_container_and_no_client() -> None:
    assert python("-c", NOTHING_BUILT) == "nothing built"


def test_importing_the_function_app_imports_no_web_framework_nor_the_container() -> None:
    check = (
        "import sys; from entrypoints.azure_functions.function_app import app; "
        f"print(sorted(m for m in sys.modules if m.startswith({FRAMEWORKS!r}) "
        "or m in ('entrypoints.wiring', 'dependency_injector')))"
    )
    assert python("-c", check) == "[]"


def test_host_json_serves_the_tables_paths_and_retries_jobs_five_times_in_base64() -> None:
    host = json.loads(HOST_JSON.read_text("utf-8"))
    assert host["version"] == "2.0"
    assert host["extensionBundle"]["id"] == "Microsoft.Azure.Functions.ExtensionBundle"
    assert host["extensionBundle"]["version"].startswith("[4.")
    assert host["extensions"]["http"]["routePrefix"] == ""
    queues = host["extensions"]["queues"]
    assert (queues["maxDequeueCount"], queues["messageEncoding"]) == (MAX_JOB_ATTEMPTS, "base64")
