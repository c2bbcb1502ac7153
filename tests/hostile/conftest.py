"""Hostile input, redelivery, faults and access, through each binding's own entrypoints.

A test asks for `api` (a features driver with an HTTP entrypoint: http, aws, azure) or for
`driver` (every binding, core included) and records its cases in `figures` under the
binding's column (`binding` is the column name). See tests/support/figures.py. A test that
needs what only some bindings have (a cloud SDK client, a message queue) says which with
`@pytest.mark.bindings(...)`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import selected_bindings
from tests.support.drivers import make_driver
from tests.support.drivers.api import ApiDriver
from tests.support.drivers.base import Driver

HTTP_BINDINGS = ("http", "aws", "azure")


def _chosen(config: pytest.Config, among: tuple[str, ...]) -> list[str]:
    return [b for b in selected_bindings(config) if b in among]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "binding" not in metafunc.fixturenames:
        return
    among = HTTP_BINDINGS if "api" in metafunc.fixturenames else ("core", *HTTP_BINDINGS)
    only = metafunc.definition.get_closest_marker("bindings")
    if only is not None:  # @pytest.mark.bindings("aws", "azure"): what the test needs exists there
        among = tuple(b for b in among if b in only.args)
    metafunc.parametrize("binding", _chosen(metafunc.config, among))


@pytest.fixture
def driver(binding: str, tmp_path: Path) -> Iterator[Driver]:
    made = make_driver(binding, tmp_path)
    try:
        yield made
    finally:
        made.close()


@pytest.fixture
def api(driver: Driver) -> ApiDriver:
    assert isinstance(driver, ApiDriver), "api is for the bindings with an HTTP entrypoint"
    return driver
