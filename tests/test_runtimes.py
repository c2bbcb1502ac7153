"""Each serverless runtime keeps one container per process, built on first use (LazyContainer)."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from entrypoints.aws_lambda import runtime as lambda_runtime
from entrypoints.azure_functions import runtime as functions_runtime
from entrypoints.wiring.memory import MemoryAdapters

RUNTIMES = pytest.mark.parametrize(
    "runtime", [lambda_runtime, functions_runtime], ids=["lambda", "functions"]
)


@RUNTIMES
def test_the_first_invocation_builds_from_the_environment_and_later_ones_reuse_it(
    runtime: ModuleType, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PAWTRACK_CLOUD", "memory")
    monkeypatch.setenv("PAWTRACK_DATA_DIR", str(tmp_path))
    runtime.use_container(None)
    try:
        first = runtime.container()
        assert runtime.container() is first
        assert first.ports().declarative_parent is MemoryAdapters
    finally:
        runtime.use_container(None)


@RUNTIMES
def test_a_bad_environment_fails_the_invocation_not_the_import(
    runtime: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAWTRACK_CLOUD", "mainframe")
    runtime.use_container(None)
    with pytest.raises(ValueError, match="PAWTRACK_CLOUD"):
        runtime.container()
    assert not runtime._runtime.built


def test_the_runtimes_do_not_share_a_container() -> None:
    assert lambda_runtime._runtime is not functions_runtime._runtime
