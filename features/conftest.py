"""Every scenario runs once per selected binding, through that binding's driver."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import selected_bindings
from features.drivers.base import Driver
from features.steps.activity import *  # noqa: F403 (step definitions)
from features.steps.admin import *  # noqa: F403
from features.steps.apps import *  # noqa: F403
from features.steps.content import *  # noqa: F403
from features.steps.notifications import *  # noqa: F403
from features.steps.pets import *  # noqa: F403
from features.steps.photos import *  # noqa: F403
from features.steps.privacy import *  # noqa: F403
from features.steps.readings import *  # noqa: F403
from features.steps.world import World


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "binding" in metafunc.fixturenames:
        metafunc.parametrize("binding", selected_bindings(metafunc.config))


def make_driver(binding: str, tmp_path: Path) -> Driver:
    if binding == "core":
        from features.drivers.core import CoreDriver

        return CoreDriver(tmp_path)
    if binding == "http":
        from features.drivers.http import HttpDriver

        return HttpDriver(tmp_path)
    if binding == "aws":
        from features.drivers.aws import AwsDriver

        return AwsDriver(tmp_path)
    if binding == "azure":
        from features.drivers.azure import AzureDriver

        return AzureDriver(tmp_path)
    raise ValueError(f"no driver for binding {binding!r}")


@pytest.fixture(autouse=True)
def world(binding: str, tmp_path: Path) -> Iterator[World]:
    driver = make_driver(binding, tmp_path)
    try:
        yield World(driver)
    finally:
        driver.close()
