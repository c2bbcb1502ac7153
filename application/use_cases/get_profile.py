from __future__ import annotations

import attrs

from application.ports.owners import OwnerRepository
from domain.access import Caller
from domain.owners import Owner


@attrs.frozen
class GetProfileQuery:
    caller: Caller


class GetProfile:
    def __init__(self, owners: OwnerRepository) -> None:
        self._owners = owners

    def __call__(self, query: GetProfileQuery) -> Owner:
        return self._owners.get(query.caller.user_id)
