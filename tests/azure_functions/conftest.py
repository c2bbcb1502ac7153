"""The functions on a memory container on a set clock, fed inputs built as the Functions host
builds them (azure.functions' own HttpRequest, EventHubEvent, EventGridEvent, QueueMessage)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from dependency_injector import providers

from adapters.local.settable_clock import SettableClock
from entrypoints.azure_functions import runtime
from entrypoints.azure_functions.function_app import function_app
from entrypoints.settings import Cloud, LocalSettings, Settings
from entrypoints.wiring import Container, build_container
from tests.support.containers import (  # noqa: F401 (for the tests)
    paired_pet,
    provide,
    telemetry_lines,
    token_for,
)

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)


@cache
def registered_functions() -> tuple[Any, ...]:
    """The functions as the host indexes them, of a fresh app: the library refuses to index
    one app twice (it takes the names of the first indexing for duplicates)."""
    return tuple(function_app().get_functions())


@pytest.fixture
def container(tmp_path: Path) -> Iterator[Container]:
    """The container every function uses during the test."""
    built = build_container(Settings(Cloud.MEMORY, LocalSettings(data_dir=tmp_path)))
    built.ports().clock.override(providers.Object(SettableClock(NOW)))
    runtime.use_container(built)
    yield built
    runtime.use_container(None)
