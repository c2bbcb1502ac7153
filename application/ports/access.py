from __future__ import annotations

import abc

from domain.access import App, AppTerms, Grant


class AppRegistry(abc.ABC):
    @abc.abstractmethod
    def register(self, name: str, terms: AppTerms | None = None) -> App:
        """Register a third-party app; the registry (the identity provider) assigns its client id,
        which the app's tokens carry, and sets its redirect URIs (`terms`) as exact callback
        URLs for the authorization code grant. Names need not be unique."""

    @abc.abstractmethod
    def get(self, app_id: str) -> App | None:
        """The app, or None."""


class GrantRepository(abc.ABC):
    @abc.abstractmethod
    def get(self, owner_id: str, app_id: str) -> Grant | None:
        """What the owner let the app read, or None."""

    @abc.abstractmethod
    def of_owner(self, owner_id: str) -> list[Grant]:
        """Every grant the owner made, ordered by app id."""

    @abc.abstractmethod
    def put(self, grant: Grant) -> None:
        """Store the grant, replacing the owner's earlier grant to the same app."""

    @abc.abstractmethod
    def revoke(self, owner_id: str, app_id: str) -> None:
        """Remove the grant; effective for the next read. No grant: nothing happens."""
