"""AppRegistry: a registered app gets a client id of its own and is found by it."""

from __future__ import annotations

from application.ports.access import AppRegistry


def test_a_registered_app_is_found_by_its_client_id(apps: AppRegistry) -> None:
    vet, insurer = apps.register("Vet practice"), apps.register("Insurer")
    assert (vet.name, insurer.name) == ("Vet practice", "Insurer")
    assert apps.get(vet.id) == vet
    assert apps.get(insurer.id) == insurer


def test_two_apps_of_one_name_are_two_apps(apps: AppRegistry) -> None:
    first, second = apps.register("VetConnect"), apps.register("VetConnect")
    assert first.id != second.id
    assert {apps.get(first.id), apps.get(second.id)} == {first, second}


def test_an_unknown_app_is_none(apps: AppRegistry) -> None:
    assert apps.get("no-such-app") is None
