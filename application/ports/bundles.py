from __future__ import annotations

import abc

from domain.bundles import Bundle


class BundleRepository(abc.ABC):
    @abc.abstractmethod
    def get(self, bundle_id: str) -> Bundle | None:
        """The bundle, or None."""

    @abc.abstractmethod
    def save(self, bundle: Bundle) -> None:
        """Store the bundle, replacing the record with the same id."""
