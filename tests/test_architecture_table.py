"""ARCHITECTURE.md's table of ports and adapters tells the truth: every class it names exists
in the module it names, and the provider's wiring builds exactly that class for that port."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from dependency_injector import providers

from entrypoints.settings import LocalSettings
from entrypoints.wiring.aws import AwsAdapters
from entrypoints.wiring.azure import AzureAdapters
from entrypoints.wiring.local import LocalAdapters
from entrypoints.wiring.memory import MemoryAdapters
from entrypoints.wiring.ports import Ports
from tests.support.cloud_settings import AWS, AZURE

ARCHITECTURE = Path(__file__).resolve().parents[1] / "ARCHITECTURE.md"
PROVIDERS = {
    "memory": MemoryAdapters,
    "local": LocalAdapters,
    "aws": AwsAdapters,
    "azure": AzureAdapters,
}
FIRST_CODE = re.compile(r"`([^`]+)`")


def table() -> dict[str, dict[str, str]]:
    """port wiring name → provider → `module.Class` (or "—")."""
    lines = ARCHITECTURE.read_text("utf-8").splitlines()
    start = next(
        n for n, line in enumerate(lines) if line.startswith("| port (`application/ports/`)")
    )
    header = [cell.strip() for cell in lines[start].strip("|").split("|")]
    rows: dict[str, dict[str, str]] = {}
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        cells = dict(zip(header, (c.strip() for c in line.strip("|").split("|")), strict=True))
        name = FIRST_CODE.search(cells["wiring name"])
        assert name, line
        rows[name[1]] = {
            cloud: (found[1] if (found := FIRST_CODE.search(cells[cloud])) else cells[cloud])
            for cloud in PROVIDERS
        }
    return rows


def built_class(provider: providers.Provider[object]) -> type:
    """The class of what the provider builds (clients made, nothing called)."""
    return type(provider())


def test_the_table_lists_every_port_once() -> None:
    ports = {name for name, p in Ports.providers.items() if isinstance(p, providers.Dependency)}
    assert set(table()) == ports - {"system_clock"}


@pytest.mark.parametrize("cloud", PROVIDERS)
def test_each_named_class_is_what_the_wiring_builds(cloud: str, tmp_path: Path) -> None:
    settings = {"aws": AWS, "azure": AZURE}.get(cloud, LocalSettings(data_dir=tmp_path))
    container = PROVIDERS[cloud](settings=settings)
    for port, cells in table().items():
        named, provider = cells[cloud], container.providers[port]
        if named == "—":
            assert isinstance(provider, providers.Dependency), f"{cloud} provides {port}"
            continue
        module, _, name = named.rpartition(".")
        adapter = getattr(importlib.import_module(f"adapters.{module}"), name)
        assert built_class(provider) is adapter, f"{cloud}.{port}: {built_class(provider)}"
