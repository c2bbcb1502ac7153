"""AppRegistry: registered apps are found by id."""

from __future__ import annotations

from application.ports.access import AppRegistry
from domain.access import App


def test_a_registered_app_is_found_by_id(apps: AppRegistry) -> None:
    vet, insurer = App.register("Vet practice"), App.register("Insurer")
    apps.add(vet)
    apps.add(insurer)
    assert apps.get(vet.id) == vet
    assert apps.get(insurer.id) == insurer


def test_an_unknown_app_is_none(apps: AppRegistry) -> None:
    assert apps.get("no-such-app") is None
