"""Helpers for tests that drive entrypoints on a container they set up themselves."""

from __future__ import annotations

from dependency_injector import providers

from application.use_cases.pair_tracker import PairTrackerCommand
from application.use_cases.register_pet import RegisterPetCommand
from domain.access import Caller, User
from entrypoints.wiring import Container


def provide(container: Container, name: str, value: object) -> None:
    """Stands `value` in for the container's provider `name` (added if the container has none yet)."""
    if hasattr(container, name):
        getattr(container, name).override(providers.Object(value))
    else:
        setattr(container, name, providers.Object(value))


def token_for(container: Container, user: str, *, app: str | None = None) -> str:
    container.users().add(User(user, user))
    return container.token_issuer().issue(user, app_id=app)


def paired_pet(container: Container, owner: str, serial: str) -> str:
    """A dog of `owner`'s, wearing tracker `serial`; its id."""
    who = Caller(owner)
    pet = container.register_pet()(RegisterPetCommand(who, "Rex", "dog", 20))
    container.pair_tracker()(PairTrackerCommand(who, pet.id, serial))
    return pet.id
