"""Helpers for tests that drive entrypoints on a container they set up themselves."""

from __future__ import annotations

import json

from dependency_injector import providers

from application.use_cases.pair_tracker import PairTrackerCommand
from application.use_cases.register_app import RegisterAppCommand
from application.use_cases.register_pet import RegisterPetCommand
from application.use_cases.sign_in import SignInCommand
from domain.access import Caller
from entrypoints.wiring import Container

OPERATOR = Caller("operator", is_admin=True)


def provide(container: Container, name: str, value: object) -> None:
    """Stands `value` in for the port or the use case `name` (a port on the provider's own
    adapter container, so that the adapters that use it get it too)."""
    ports = container.ports()
    where = ports if name in ports.providers else container
    getattr(where, name).override(providers.Object(value))


def telemetry_lines(container: Container, message: str | None = None) -> list[dict[str, object]]:
    """The telemetry lines a memory container wrote, parsed (those of one `message` only)."""
    written = container.ports().telemetry_stream().getvalue().splitlines()
    lines = [json.loads(text) for text in written]
    return [line for line in lines if message in (None, line["message"])]


def token_for(container: Container, user: str, *, app: str | None = None) -> str:
    """A local token of `user`, or of a newly registered app named `app` acting for them."""
    app_id = None
    if app is not None:
        app_id = container.register_app()(RegisterAppCommand(OPERATOR, app)).id
    return container.sign_in()(SignInCommand(user, app_id=app_id))


def paired_pet(container: Container, owner: str, serial: str) -> str:
    """A dog of `owner`'s, wearing tracker `serial`; its id."""
    who = Caller(owner)
    pet = container.register_pet()(RegisterPetCommand(who, "Rex", "dog", 20))
    container.pair_tracker()(PairTrackerCommand(who, pet.id, serial))
    return pet.id
