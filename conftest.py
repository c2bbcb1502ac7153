"""Options for the whole suite. `--binding` picks which bindings the features run against."""

from __future__ import annotations

import pytest

BINDINGS = ("core", "http", "aws", "azure")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--binding",
        default="all",
        choices=("all", *BINDINGS),
        help="run the features against one binding, or all of them (the default)",
    )


def selected_bindings(config: pytest.Config) -> list[str]:
    chosen = config.getoption("--binding")
    return list(BINDINGS) if chosen == "all" else [chosen]


pytest_plugins = ["tests.support.figures"]
