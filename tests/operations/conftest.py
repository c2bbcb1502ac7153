"""What operators see of the system, through each binding's own entrypoints: a `driver` per
binding (every binding, core included), as the hostile tests have it."""

from __future__ import annotations

from tests.hostile.conftest import driver, pytest_generate_tests  # noqa: F401 (the same fixtures)
