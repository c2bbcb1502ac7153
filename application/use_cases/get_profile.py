from __future__ import annotations

import attrs

from application.authorization import PetAccess
from application.ports.owners import OwnerRepository
from domain.access import Caller, Scope
from domain.errors import AccessDenied
from domain.owners import Owner


@attrs.frozen
class GetProfileQuery:
    caller: Caller


class GetProfile:
    """The caller's own settings. An app acting for the owner reads them only with the
    owner's grant of `profile:read` (the scope that shows it the owner's pets), else 403:
    the token names the owner, so there is nothing to hide by answering 404."""

    def __init__(self, owners: OwnerRepository, access: PetAccess) -> None:
        self._owners, self._access = owners, access

    def __call__(self, query: GetProfileQuery) -> Owner:
        caller = query.caller
        if not self._access.may_read(caller, caller.user_id, Scope.PROFILE):
            raise AccessDenied("this app may read the owner's profile only with profile:read")
        return self._owners.get(caller.user_id)
