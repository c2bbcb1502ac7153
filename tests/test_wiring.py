"""The composition root: every provider provides every port, with an adapter of that port,
and every use case can be built on every provider.

Building resolves every provider of every cloud, so a wrong constructor argument in one
cloud's module fails here, not at a function's first use there. Nothing reaches a network:
SDK clients are made (boto3, azure-*, httpx) but not called.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from dependency_injector import errors, providers

from entrypoints.settings import Cloud, LocalSettings, Settings
from entrypoints.wiring import Container, build_container
from entrypoints.wiring.ports import LAPTOP_ONLY, Ports
from tests.support.cloud_settings import AWS, AZURE


def _container(cloud: Cloud, tmp_path: Path) -> Container:
    local = LocalSettings(data_dir=tmp_path)
    return build_container(Settings(cloud, local, AWS, AZURE))


PORTS = [
    name for name, provider in Ports.providers.items() if isinstance(provider, providers.Dependency)
]


@pytest.mark.parametrize("cloud", list(Cloud))
def test_every_port_is_an_adapter_of_that_port(cloud: Cloud, tmp_path: Path) -> None:
    adapters = _container(cloud, tmp_path).ports()
    for name in PORTS:
        port = Ports.providers[name].instance_of  # type: ignore[attr-defined]
        provider = adapters.providers[name]
        if cloud in (Cloud.AWS, Cloud.AZURE) and name in LAPTOP_ONLY:
            assert isinstance(provider, providers.Dependency), f"{cloud} should have no {name}"
            continue
        assert not isinstance(provider, providers.Dependency), f"{cloud} provides no {name}"
        assert isinstance(provider(), port), f"{cloud}'s {name} is no {port.__name__}"


@pytest.mark.parametrize("cloud", list(Cloud))
def test_every_use_case_is_built_on_every_provider(cloud: Cloud, tmp_path: Path) -> None:
    """In a cloud, only the use cases of a laptop-only port cannot be built, and say why."""
    container = _container(cloud, tmp_path)
    use_cases = [p for p in container.providers.values() if isinstance(p, providers.Factory)]
    assert len(use_cases) > 40
    for provider in use_cases:
        try:
            built = provider()
        except errors.Error as error:
            assert cloud in (Cloud.AWS, Cloud.AZURE), error
            assert any(f'.{port}"' in str(error) for port in LAPTOP_ONLY), error
            continue
        assert isinstance(built, provider.cls)


def test_a_laptop_only_port_says_so_in_a_cloud(tmp_path: Path) -> None:
    container = _container(Cloud.AWS, tmp_path)
    with pytest.raises(Exception, match="token_issuer.* is not defined"):
        container.sign_in()
