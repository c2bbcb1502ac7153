"""Fixtures of the HTTP tests; a test module loads them with `pytest_plugins = ["http_fixtures"]`
(a conftest.py outside a package would take the module name of the root conftest)."""

from __future__ import annotations

from pathlib import Path

import pytest
from http_support import Api, make_container, token_for

from adapters.local.settable_clock import SettableClock
from entrypoints.wiring import Container


@pytest.fixture
def clocked(tmp_path: Path) -> tuple[Container, SettableClock]:
    return make_container(tmp_path)


@pytest.fixture
def container(clocked: tuple[Container, SettableClock]) -> Container:
    return clocked[0]


@pytest.fixture
def api(container: Container) -> Api:
    return Api(container)


@pytest.fixture
def alice(container: Container) -> str:
    return token_for(container, "alice")


@pytest.fixture
def bob(container: Container) -> str:
    return token_for(container, "bob")


@pytest.fixture
def ops(container: Container) -> str:
    return token_for(container, "ops", admin=True)


@pytest.fixture
def rex(api: Api, alice: str) -> str:
    body = {"name": "Rex", "species": "dog", "weight_kg": 20}
    pet_id: str = api.ok("POST", "/pets", alice, json_body=body)["id"]
    return pet_id
