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

    @abc.abstractmethod
    def of_owner(self, owner_id: str) -> list[Bundle]:
        """Every bundle the owner started, ordered by id."""

    @abc.abstractmethod
    def remove(self, bundle_id: str) -> None:
        """Delete the bundle's record (not its object). No such bundle: nothing happens."""
