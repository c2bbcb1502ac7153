"""Secrets in the stage's Key Vault, through its REST API (api-version 7.4) with the backend's
Entra token for `https://vault.azure.net` (client credentials, as for Graph). A deleted secret is
soft-deleted by the vault and purged by its retention."""

from __future__ import annotations

from typing import Any

import httpx

from application.ports.secrets import SecretStore

from .graph_api import TokenProvider

API_VERSION = "7.4"
VAULT_SCOPE = "https://vault.azure.net/.default"
TIMEOUT_SECONDS = 10.0


class KeyVaultSecretStore(SecretStore):
    def __init__(
        self, http_client: httpx.Client, vault_url: str, token_provider: TokenProvider
    ) -> None:
        self._http, self._vault, self._token = http_client, vault_url.rstrip("/"), token_provider

    def _call(self, method: str, name: str, **options: Any) -> httpx.Response:
        return self._http.request(
            method,
            f"{self._vault}/secrets/{name}",
            params={"api-version": API_VERSION},
            headers={"Authorization": f"Bearer {self._token()}"},
            timeout=TIMEOUT_SECONDS,
            **options,
        )

    def put(self, name: str, value: str) -> None:
        self._call("PUT", name, json={"value": value}).raise_for_status()

    def get(self, name: str) -> str | None:
        answer = self._call("GET", name)
        if answer.status_code == 404:
            return None
        answer.raise_for_status()
        return str(answer.json()["value"])

    def delete(self, name: str) -> None:
        answer = self._call("DELETE", name)
        if answer.status_code != 404:
            answer.raise_for_status()
