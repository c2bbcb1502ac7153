from __future__ import annotations

import attrs

from application.ports.bundles import BundleRepository
from domain.access import Caller
from domain.bundles import Bundle
from domain.errors import NotFound


@attrs.frozen
class GetBundleQuery:
    caller: Caller
    bundle_id: str


class GetBundle:
    """A bundle and, once processed, its report; only for the owner who started it."""

    def __init__(self, bundles: BundleRepository) -> None:
        self._bundles = bundles

    def __call__(self, query: GetBundleQuery) -> Bundle:
        bundle = self._bundles.get(query.bundle_id)
        if bundle is None or query.caller.is_app or bundle.owner_id != query.caller.user_id:
            raise NotFound("there is no such bundle")
        return bundle
