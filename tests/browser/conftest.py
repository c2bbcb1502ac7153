"""What the browser tests share: Debian's Chromium, headless, driven by Playwright for Python
(no browser download: Playwright launches this binary), and the local server over HTTP on a free
port with its own data directory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from entrypoints.local.asgi import create_app
from entrypoints.local.server import BackgroundServer, free_port
from entrypoints.settings import Cloud, LocalSettings, Settings
from entrypoints.wiring import build_container

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Any]]:
    port = free_port()
    settings = LocalSettings(data_dir=tmp_path, base_url=f"http://127.0.0.1:{port}")
    container = build_container(Settings(Cloud.LOCAL, settings))
    with BackgroundServer(create_app(container), port=port) as server:
        yield server.base_url, container


@pytest.fixture
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()
