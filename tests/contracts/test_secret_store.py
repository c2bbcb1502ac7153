"""The secret store's contract on every adapter: memory, the laptop's files, SSM Parameter
Store SecureStrings (moto), Key Vault (a fake of its REST API behind the fake Entra)."""

from __future__ import annotations

import stat
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from adapters.aws.ssm_secret_store import SsmSecretStore
from adapters.azure.entra_client_credentials import EntraClientCredentials
from adapters.azure.keyvault_secret_store import VAULT_SCOPE, KeyVaultSecretStore
from adapters.local.file_secret_store import FileSecretStore
from adapters.local.memory_secret_store import InMemorySecretStore
from adapters.system_clock import SystemClock
from application.ports.secrets import SecretStore
from tests.support import aws
from tests.support.azure_fake_entra import FakeEntra
from tests.support.azure_fake_keyvault import FakeKeyVault


@pytest.fixture(params=["memory", "file", "aws", "azure"])
def secrets(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SecretStore]:
    if request.param == "memory":
        yield InMemorySecretStore()
    elif request.param == "file":
        yield FileSecretStore(tmp_path / "secrets")
    elif request.param == "aws":
        aws.moto_endpoint()
        yield SsmSecretStore(aws.client("ssm"), f"/pawtrack/test-{uuid.uuid4().hex[:8]}/secrets")
    else:
        entra = FakeEntra()
        client_id, secret = entra.add_client()
        vault = FakeKeyVault(entra, client_id)
        http = httpx.Client()
        token = EntraClientCredentials(
            http, entra.url, entra.tenant, client_id, secret, VAULT_SCOPE, SystemClock()
        )
        yield KeyVaultSecretStore(http, vault.url, token)
        vault.close()
        entra.close()


def test_a_secret_is_kept_replaced_and_forgotten(secrets: SecretStore) -> None:
    assert secrets.get("webhook-app-1") is None
    secrets.put("webhook-app-1", "whsec_Zmlyc3Q=")
    secrets.put("webhook-app-2", "whsec_b3RoZXI=")
    assert secrets.get("webhook-app-1") == "whsec_Zmlyc3Q="
    secrets.put("webhook-app-1", "whsec_c2Vjb25k")
    assert secrets.get("webhook-app-1") == "whsec_c2Vjb25k"
    secrets.delete("webhook-app-1")
    secrets.delete("webhook-app-1")  # none: nothing happens
    assert secrets.get("webhook-app-1") is None
    assert secrets.get("webhook-app-2") == "whsec_b3RoZXI="


def test_the_laptops_secret_files_are_their_owners_alone(tmp_path: Path) -> None:
    store = FileSecretStore(tmp_path / "secrets")
    store.put("webhook-app", "whsec_eA==")
    mode = (tmp_path / "secrets" / "webhook-app").stat().st_mode
    assert stat.S_IMODE(mode) == 0o600
    with pytest.raises(ValueError):
        store.put("../escape", "x")


def test_key_vault_refuses_a_client_without_access(tmp_path: Path) -> None:
    entra = FakeEntra()
    allowed, _ = entra.add_client()
    other, other_secret = entra.add_client()
    vault = FakeKeyVault(entra, allowed)
    http = httpx.Client()
    token = EntraClientCredentials(
        http, entra.url, entra.tenant, other, other_secret, VAULT_SCOPE, SystemClock()
    )
    try:
        with pytest.raises(httpx.HTTPStatusError):
            KeyVaultSecretStore(http, vault.url, token).put("webhook-app", "whsec_eA==")
    finally:
        vault.close()
        entra.close()
