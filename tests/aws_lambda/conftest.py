"""The Lambda handlers on a memory container on a set clock, fed the sample events of tests/events."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from dependency_injector import providers

from adapters.local.settable_clock import SettableClock
from application.use_cases.issue_api_key import IssueApiKeyCommand
from domain.access import Caller
from entrypoints.aws_lambda import runtime
from entrypoints.settings import Cloud, LocalSettings, Settings
from entrypoints.wiring import Container, build_container
from tests.support.containers import (  # noqa: F401 (for the tests)
    paired_pet,
    provide,
    telemetry_lines,
    token_for,
)

EVENTS = Path(__file__).resolve().parents[1] / "events"
NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)  # the sample events' request time
OPERATOR = Caller("operator", is_admin=True)


def sample(name: str) -> dict[str, Any]:
    """A fresh copy of tests/events/<name>.json, free to change."""
    event: dict[str, Any] = json.loads((EVENTS / f"{name}.json").read_text("utf-8"))
    return event


@pytest.fixture
def container(tmp_path: Path) -> Iterator[Container]:
    """The container every handler uses during the test."""
    built = build_container(Settings(Cloud.MEMORY, LocalSettings(data_dir=tmp_path)))
    built.ports().clock.override(providers.Object(SettableClock(NOW)))
    runtime.use_container(built)
    yield built
    runtime.use_container(None)


def ingest_key(container: Container) -> str:
    return container.issue_api_key()(IssueApiKeyCommand(OPERATOR, "ingest", "platform")).plaintext
