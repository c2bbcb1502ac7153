"""What a cold start pays: importing a handler builds nothing and loads no web framework, and
the first invocation builds the container from the environment, once per execution environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import EVENTS

ROOT = Path(__file__).resolve().parents[2]
HANDLER_MODULES = [
    f"entrypoints.aws_lambda.{name}"
    for name in ("http", "readings", "s3", "sqs", "events", "websocket")
]
FRAMEWORKS = ("starlette", "uvicorn", "fastapi")

NOTHING_BUILT = """
import importlib, sys
import boto3, boto3.session
import entrypoints.wiring

def refuse(*args, **kwargs):
    raise AssertionError("built at import time")

boto3.client = boto3.resource = refuse
boto3.session.Session.client = boto3.session.Session.resource = refuse
entrypoints.wiring.build_container = refuse
importlib.import_module(sys.argv[1])
from entrypoints.aws_lambda import runtime
print("built" if runtime._runtime.built else "nothing built")
"""

NO_FRAMEWORK_INSTALLED = """
import json, sys
for name in ("starlette", "uvicorn", "fastapi"):
    sys.modules[name] = None  # as in the Lambda package, which holds the `aws` extra only
from entrypoints.aws_lambda.http import handler
event = json.loads(open(sys.argv[1], encoding="utf-8").read())
event.update(routeKey="GET /openapi.json", rawPath="/openapi.json", pathParameters=None)
print(handler(event, None)["statusCode"])
"""


def python(*args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize("module", HANDLER_MODULES)
def test_importing_a_handler_builds_no_container_and_no_client(module: str) -> None:
    assert python("-c", NOTHING_BUILT, module) == "nothing built"


@pytest.mark.parametrize("module", HANDLER_MODULES)
def test_importing_a_handler_imports_no_web_framework(module: str) -> None:
    check = f"import {module}; import sys; print(any(m.startswith({FRAMEWORKS!r}) for m in sys.modules))"
    assert python("-c", check) == "False"


def test_the_http_handler_serves_without_a_web_framework_installed(tmp_path: Path) -> None:
    env = {**os.environ, "PAWTRACK_CLOUD": "memory", "PAWTRACK_DATA_DIR": str(tmp_path)}
    event = str(EVENTS / "http_api_get_pet.json")
    assert python("-c", NO_FRAMEWORK_INSTALLED, event, env=env) == "200"
