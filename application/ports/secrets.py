from __future__ import annotations

import abc


class SecretStore(abc.ABC):
    """Secrets a function reads at run time (the signing secrets of apps' subscriptions), kept
    where the cloud keeps secrets: SSM Parameter Store SecureStrings, Key Vault, a laptop's
    data directory. Names are letters, digits and dashes."""

    @abc.abstractmethod
    def put(self, name: str, value: str) -> None:
        """Keep the secret, replacing the one of that name."""

    @abc.abstractmethod
    def get(self, name: str) -> str | None:
        """The secret, or None when there is none of that name."""

    @abc.abstractmethod
    def delete(self, name: str) -> None:
        """Forget the secret; none of that name: nothing happens."""
