"""Secrets in this process's memory (the memory provider)."""

from __future__ import annotations

from application.ports.secrets import SecretStore


class InMemorySecretStore(SecretStore):
    def __init__(self) -> None:
        self._secrets: dict[str, str] = {}

    def put(self, name: str, value: str) -> None:
        self._secrets[name] = value

    def get(self, name: str) -> str | None:
        return self._secrets.get(name)

    def delete(self, name: str) -> None:
        self._secrets.pop(name, None)
