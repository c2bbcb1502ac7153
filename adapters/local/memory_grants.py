"""Owners' grants to apps, in memory."""

from __future__ import annotations

from application.ports.access import GrantRepository
from domain.access import Grant


class InMemoryGrantRepository(GrantRepository):
    def __init__(self) -> None:
        self._grants: dict[tuple[str, str], Grant] = {}

    def get(self, owner_id: str, app_id: str) -> Grant | None:
        return self._grants.get((owner_id, app_id))

    def of_owner(self, owner_id: str) -> list[Grant]:
        return [g for (owner, _), g in sorted(self._grants.items()) if owner == owner_id]

    def put(self, grant: Grant) -> None:
        self._grants[(grant.owner_id, grant.app_id)] = grant

    def revoke(self, owner_id: str, app_id: str) -> None:
        self._grants.pop((owner_id, app_id), None)
