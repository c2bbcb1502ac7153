"""Every scenario runs once per selected binding, through that binding's driver."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import selected_bindings
from features.steps.activity import *  # noqa: F403 (step definitions)
from features.steps.admin import *  # noqa: F403
from features.steps.apps import *  # noqa: F403
from features.steps.content import *  # noqa: F403
from features.steps.devices import *  # noqa: F403
from features.steps.notifications import *  # noqa: F403
from features.steps.pets import *  # noqa: F403
from features.steps.photos import *  # noqa: F403
from features.steps.platform import *  # noqa: F403
from features.steps.privacy import *  # noqa: F403
from features.steps.readings import *  # noqa: F403
from features.steps.series import *  # noqa: F403
from features.steps.whereabouts import *  # noqa: F403
from features.steps.world import World
from tests.support.drivers import make_driver


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "binding" in metafunc.fixturenames:
        metafunc.parametrize("binding", selected_bindings(metafunc.config))


@pytest.fixture(autouse=True)
def world(binding: str, tmp_path: Path) -> Iterator[World]:
    driver = make_driver(binding, tmp_path)
    try:
        yield World(driver)
    finally:
        driver.close()
