"""The local console in Chromium: it loads with no console error, shows the demo pet's week with
the demo's figures, and a reading posted during the test arrives live (listed, and today's bar
grows by its steps)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from application.use_cases.get_daily_series import GetDailySeriesQuery
from application.use_cases.sign_in import SignInCommand
from domain.access import Caller
from domain.api_keys import Purpose
from domain.clockwork import format_instant
from entrypoints.local.demo import OWNER, SERIAL, seed_demo

LIVE_STEPS = 4321


def _bars(page: Any) -> dict[str, int]:
    bars = page.locator('section.pet svg[aria-label="Rex\'s week"] g.bar')
    labels = bars.evaluate_all("(gs) => gs.map((g) => [g.dataset.label, g.dataset.steps])")
    return {label: int(steps) for label, steps in labels}


def test_the_console_shows_the_demo_week_and_a_live_reading(
    served: tuple[str, Any], browser: Any, tmp_path: Path
) -> None:
    base_url, container = served
    seed = seed_demo(container, tmp_path)
    first = seed.today - timedelta(days=6)
    week = container.get_daily_series()(
        GetDailySeriesQuery(Caller(OWNER), seed.pet_id, first, seed.today)
    )
    expected = {day.day.strftime("%a %d"): day.steps for day in week}
    assert sum(expected.values()) > 0

    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{base_url}/console")
    page.fill("#token", seed.owner_token)
    page.click("#signin button")
    page.locator("#status").filter(has_text="live").wait_for(timeout=10_000)
    assert _bars(page) == expected
    assert page.locator("polyline.track").count() == 1
    assert page.locator("circle.safe-zone").count() == 1  # the demo's home
    # The track and its zone are drawn in the middle of the map, not in a corner of it.
    middle = page.locator("circle.safe-zone").evaluate(
        "(c) => { const box = c.ownerSVGElement.viewBox.baseVal;"
        " return [c.cx.baseVal.value / box.width, c.cy.baseVal.value / box.height]; }"
    )
    assert all(abs(share - 0.5) < 0.1 for share in middle), middle
    assert "Last seen" in page.locator("p.whereabouts").inner_text()
    assert page.locator("#waiting").is_visible()

    now = datetime.now(UTC).replace(second=30, microsecond=0) - timedelta(minutes=1)
    reading = {"tracker": SERIAL, "readings": [{"time": format_instant(now), "steps": LIVE_STEPS}]}
    answer = httpx.post(
        f"{base_url}/ingest/readings",
        json=reading,
        headers={"X-Api-Key": seed.keys[Purpose.INGEST]},
    )
    assert answer.status_code == 200, answer.text
    page.locator("#live li").first.wait_for(timeout=10_000)
    assert "activity-updated" in page.locator("#live li").first.inner_text()
    assert not page.locator("#waiting").is_visible()
    today = seed.today.strftime("%a %d")
    page.wait_for_function(
        f"() => [...document.querySelectorAll('g.bar')].some((g) => g.dataset.label === '{today}' "
        f"&& Number(g.dataset.steps) === {expected[today] + LIVE_STEPS})",
        timeout=10_000,
    )
    assert errors == []


def test_an_administrator_sees_bundle_reports_quarantine_and_keys(
    served: tuple[str, Any], browser: Any, tmp_path: Path
) -> None:
    base_url, container = served
    seed = seed_demo(container, tmp_path)
    owner = {"Authorization": f"Bearer {seed.owner_token}"}
    started = httpx.post(f"{base_url}/trackers/{SERIAL}/bundles", headers=owner).json()
    now = datetime.now(UTC).replace(second=40, microsecond=0) - timedelta(minutes=2)
    lines = f'{{"time": "{format_instant(now)}", "steps": 12}}\n{{"time": "soon", "steps": 1}}\n'
    upload = started["upload_url"]
    put = httpx.put(upload, content=lines.encode(), headers=started["headers"])
    assert put.status_code == 200, put.text
    admin = container.sign_in()(SignInCommand("ops", is_admin=True))

    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(f"{base_url}/console")
    page.fill("#token", admin)
    page.click("#signin button")
    page.locator("#status").filter(has_text="live").wait_for(timeout=10_000)
    bundles = page.locator("table.bundles").inner_text()
    assert started["bundle_id"] in bundles and "1 accepted" in bundles and "line 2: time" in bundles
    assert page.locator("table.api-keys tr").count() == 3  # the heading and the demo's two keys
    assert page.locator("table.quarantine, p.quarantine").count() == 1
    assert errors == []
