"""The docs page in Chromium: it loads with no console error (a script or style the content
security policy refused would be one), and "try it" calls the API from the page."""

from __future__ import annotations

import json
from typing import Any

from application.use_cases.sign_in import SignInCommand


def test_the_docs_page_loads_clean_and_tries_an_operation(
    served: tuple[str, Any], browser: Any
) -> None:
    base_url, container = served
    token = container.sign_in()(SignInCommand("alice"))
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{base_url}/docs")
    assert page.locator("nav a[href='#listPets']").count() == 1
    page.fill("#token", token)

    register = page.locator("section#registerPet")
    register.locator("summary").click()
    body = {"name": "Mia", "species": "cat", "weight_kg": 4}
    register.locator("textarea[name=body]").fill(json.dumps(body))
    register.locator("button").click()
    register.locator(".answer").filter(has_text="201").wait_for(timeout=10_000)

    pets = page.locator("section#listPets")
    pets.locator("summary").click()
    pets.locator("button").click()
    pets.locator(".answer").filter(has_text="Mia").wait_for(timeout=10_000)
    assert pets.locator(".answer").inner_text().startswith("200")
    assert errors == []
