"""The dependency rule, checked on every test run: import-linter's contracts, then an AST scan."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
SDKS = {
    "boto3", "botocore", "azure", "httpx", "starlette",
    "uvicorn", "dependency_injector", "jwt", "sqlite3",
}  # fmt: skip
CORE = ("domain", "application")


def configured_contracts() -> list[dict[str, object]]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)["tool"]["importlinter"]["contracts"]


def lint_imports(config: Path) -> subprocess.CompletedProcess[str]:
    command = [str(LINT_IMPORTS), "--config", str(config), "--no-cache"]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_the_import_contracts_are_kept() -> None:
    contracts = configured_contracts()
    result = lint_imports(ROOT / "pyproject.toml")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert f"Contracts: {len(contracts)} kept, 0 broken." in output
    for contract in contracts:
        assert re.search(rf"^{re.escape(str(contract['name']))} KEPT$", output, re.MULTILINE), (
            output
        )


def test_the_configuration_holds_the_contracts_of_the_style_guide() -> None:
    by_type = {(c["type"], str(c["name"])): c for c in configured_contracts()}
    layers = [c for (kind, _), c in by_type.items() if kind == "layers"]
    assert [c["layers"] for c in layers] == [["entrypoints", "adapters", "application", "domain"]]
    independent = [c for (kind, _), c in by_type.items() if kind == "independence"]
    assert [c["modules"] for c in independent] == [
        ["adapters.local", "adapters.aws", "adapters.azure"]
    ]
    forbidden = [c for (kind, _), c in by_type.items() if kind == "forbidden"]
    core = [c for c in forbidden if c["source_modules"] == list(CORE)]
    assert len(core) == 1
    assert set(core[0]["forbidden_modules"]) == SDKS  # type: ignore[arg-type]
    through_wiring = [c for c in forbidden if c["forbidden_modules"] == ["adapters"]]
    assert len(through_wiring) == 1
    assert not any("wiring" in str(m) for m in through_wiring[0]["source_modules"])  # type: ignore[attr-defined]
    for cloud in ("aws", "azure", "local", "memory"):
        wired = [c for c in forbidden if f"entrypoints.wiring.{cloud}" in c["source_modules"]]  # type: ignore[operator]
        assert len(wired) == 1, cloud
    costing = [c for c in forbidden if c["source_modules"] == ["costing"]]
    assert [c["forbidden_modules"] for c in costing] == [
        ["domain", "application", "adapters", "entrypoints"]
    ]


def test_a_broken_contract_makes_the_check_fail(tmp_path: Path) -> None:
    """The harness above can fail: a contract the code breaks is reported as broken."""
    config = tmp_path / "broken.toml"
    config.write_text(
        '[tool.importlinter]\nroot_packages = ["domain", "application"]\n\n'
        "[[tool.importlinter.contracts]]\n"
        'name = "Upside down"\ntype = "layers"\nlayers = ["domain", "application"]\n'
    )
    result = lint_imports(config)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Contracts: 0 kept, 1 broken." in result.stdout


def imported_roots(source: str) -> set[str]:
    """The top-level package of every module the source imports, wherever the import stands."""
    roots = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and _is_dynamic_import(node.func):
            roots.update(
                str(a.value).split(".")[0] for a in node.args[:1] if isinstance(a, ast.Constant)
            )
    return roots


def _is_dynamic_import(func: ast.expr) -> bool:
    """`__import__("x")` or `importlib.import_module("x")`."""
    return (
        getattr(func, "id", None) == "__import__" or getattr(func, "attr", None) == "import_module"
    )


def core_modules() -> list[Path]:
    return sorted(path for package in CORE for path in (ROOT / package).rglob("*.py"))


def test_the_scan_sees_every_form_of_import() -> None:
    source = (
        "import os\nimport boto3.session\nfrom azure.storage import blob\n"
        "def f():\n    import jwt\n    __import__('httpx')\n"
        "    importlib.import_module('sqlite3')\nfrom . import sibling\n"
    )
    assert imported_roots(source) == {"os", "boto3", "azure", "jwt", "httpx", "sqlite3"}


def test_the_core_has_modules_to_scan() -> None:
    names = {path.relative_to(ROOT).as_posix() for path in core_modules()}
    assert {"domain/readings.py", "application/intake.py"} <= names


@pytest.mark.parametrize("path", core_modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_the_core_imports_no_sdk(path: Path) -> None:
    assert imported_roots(path.read_text(encoding="utf-8")) & SDKS == set()


def modules_under_tests() -> list[Path]:
    return sorted((ROOT / "tests").rglob("*.py"))


def plugin_roots(source: str) -> set[str]:
    """The top-level package of every module named in a `pytest_plugins = [...]`."""
    roots = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(getattr(t, "id", None) == "pytest_plugins" for t in targets) and node.value:
                roots.update(
                    str(c.value).split(".")[0]
                    for c in ast.walk(node.value)
                    if isinstance(c, ast.Constant) and isinstance(c.value, str)
                )
    return roots


def test_the_test_tree_never_imports_the_features() -> None:
    """features/ imports tests.support (drivers, testbeds); the other way would be a cycle."""
    paths = modules_under_tests()
    assert ROOT / "tests" / "support" / "drivers" / "base.py" in paths
    importing = []
    for path in paths:
        source = path.read_text(encoding="utf-8")
        if "features" in imported_roots(source) | plugin_roots(source):
            importing.append(path.relative_to(ROOT).as_posix())
    assert importing == [], "tests/ must not import features/: share through tests/support/"


def test_the_plugin_scan_sees_the_plugins() -> None:
    listed = 'pytest_plugins = ["features.steps", "tests.support.figures"]\n'
    assert plugin_roots(listed) == {"features", "tests"}
    assert plugin_roots('pytest_plugins = "features.steps"\nname = "domain"\n') == {"features"}
