"""Drivers: one per binding, one method per business action (see base.Driver).

The features' steps and the hostile tests drive the bindings through them; each driver is
imported only when its binding is asked for (aws and azure bring moto and Azurite along).
"""

from __future__ import annotations

from pathlib import Path

from tests.support.drivers.base import Driver


def make_driver(binding: str, tmp_path: Path) -> Driver:
    if binding == "core":
        from tests.support.drivers.core import CoreDriver

        return CoreDriver(tmp_path)
    if binding == "http":
        from tests.support.drivers.http import HttpDriver

        return HttpDriver(tmp_path)
    if binding == "aws":
        from tests.support.drivers.aws import AwsDriver

        return AwsDriver(tmp_path)
    if binding == "azure":
        from tests.support.drivers.azure import AzureDriver

        return AzureDriver(tmp_path)
    raise ValueError(f"no driver for binding {binding!r}")
