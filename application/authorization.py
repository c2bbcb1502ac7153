"""The access rules every use case applies before it touches a pet."""

from __future__ import annotations

from application.ports.access import GrantRepository
from application.ports.pets import PetRepository
from domain.access import Caller, Scope, may_read
from domain.errors import AccessDenied, NotFound
from domain.pets import Pet


def pet_not_found(pet_id: str) -> NotFound:
    """The same words whether the pet is missing or hidden, so the answer tells nothing."""
    return NotFound("there is no such pet")


class PetAccess:
    """Finds a pet for a caller. A pet the caller may not see answers exactly as a missing one."""

    def __init__(self, pets: PetRepository, grants: GrantRepository) -> None:
        self._pets = pets
        self._grants = grants

    def readable(self, caller: Caller, pet_id: str, scope: Scope) -> Pet:
        pet = self._pets.get(pet_id)
        if pet is None or not self.may_read(caller, pet.owner_id, scope):
            raise pet_not_found(pet_id)
        return pet

    def owned(self, caller: Caller, pet_id: str) -> Pet:
        """For changes: only the owner in person, never an app."""
        pet = self._pets.get(pet_id)
        if pet is None or caller.is_app or pet.owner_id != caller.user_id:
            raise pet_not_found(pet_id)
        return pet

    def may_read(self, caller: Caller, owner_id: str, scope: Scope) -> bool:
        grant = self._grants.get(owner_id, caller.app_id) if caller.app_id else None
        return may_read(caller, owner_id, scope, grant)


def require_admin(caller: Caller) -> None:
    if not caller.is_admin or caller.is_app:
        raise AccessDenied("this action is for administrators")


def require_owner_in_person(caller: Caller) -> None:
    """For changes that name no id (registering a pet, a phone): an app is refused outright."""
    if caller.is_app:
        raise AccessDenied("apps may only read what they were granted")


def hidden_from_apps(caller: Caller, thing: str) -> None:
    """For changes of a thing named by its id: apps change nothing, so to an app the thing is
    not there — 404 with the words of an unknown id, whatever the id."""
    if caller.is_app:
        raise NotFound(f"there is no such {thing}")
