"""Screenshots of the local console and the docs page for README.md: a fresh data directory,
the demo seeded, the local server on a free port, Debian's Chromium (headless, through
Playwright) signed in as the demo owner and as an administrator.

    .venv/bin/python scripts/screenshots.py        # writes docs/console.png, docs/console-admin.png, docs/docs.png
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from application.use_cases.sign_in import SignInCommand
from entrypoints.local.asgi import create_app
from entrypoints.local.demo import seed_demo
from entrypoints.local.server import BackgroundServer, free_port
from entrypoints.settings import Cloud, LocalSettings, Settings
from entrypoints.wiring import build_container

OUT = Path(__file__).resolve().parents[1] / "docs"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip


def main() -> None:
    with tempfile.TemporaryDirectory() as data:
        port = free_port()
        settings = LocalSettings(data_dir=Path(data), base_url=f"http://127.0.0.1:{port}")
        container = build_container(Settings(Cloud.LOCAL, settings))
        seed = seed_demo(container, Path(data))
        admin = container.sign_in()(SignInCommand("operator", is_admin=True))
        with BackgroundServer(create_app(container), port=port) as server, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            for token, name in ((seed.owner_token, "console"), (admin, "console-admin")):
                page.goto(f"{server.base_url}/console")
                page.fill("#token", token)
                page.click("#signin button")
                page.locator("#status").filter(has_text="live").wait_for(timeout=10_000)
                page.fill("#token", "")  # no token in a picture, even of a throwaway issuer
                page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)
            page.goto(f"{server.base_url}/docs#registerPet")
            page.screenshot(path=str(OUT / "docs.png"))
            browser.close()
        container.shutdown_resources()
    print(f"screenshots written to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
