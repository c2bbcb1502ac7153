from __future__ import annotations

import attrs

from application.authorization import require_admin
from application.ports.bundles import BundleRepository
from domain.access import Caller
from domain.bundles import Bundle
from domain.errors import AccessDenied


@attrs.frozen
class ListBundlesQuery:
    caller: Caller
    owner_id: str | None = None  # None: the caller's own; another owner's: administrators only


class ListBundles:
    """The bundles an owner started, with their reports, ordered by id."""

    def __init__(self, bundles: BundleRepository) -> None:
        self._bundles = bundles

    def __call__(self, query: ListBundlesQuery) -> list[Bundle]:
        if query.caller.is_app:  # bundles come from the owner's own phone, never through an app
            raise AccessDenied("apps do not see bundles")
        owner_id = query.owner_id or query.caller.user_id
        if owner_id != query.caller.user_id:
            require_admin(query.caller)
        return self._bundles.of_owner(owner_id)
