"""Bundles, in memory."""

from __future__ import annotations

from application.ports.bundles import BundleRepository
from domain.bundles import Bundle


class InMemoryBundleRepository(BundleRepository):
    def __init__(self) -> None:
        self._bundles: dict[str, Bundle] = {}

    def get(self, bundle_id: str) -> Bundle | None:
        return self._bundles.get(bundle_id)

    def save(self, bundle: Bundle) -> None:
        self._bundles[bundle.id] = bundle

    def of_owner(self, owner_id: str) -> list[Bundle]:
        return [b for _, b in sorted(self._bundles.items()) if b.owner_id == owner_id]

    def remove(self, bundle_id: str) -> None:
        self._bundles.pop(bundle_id, None)
