"""Azure SDK clients as the adapters want them, built by the container on first use."""

from __future__ import annotations

from typing import Any

import httpx
from azure.core.credentials import AzureKeyCredential
from azure.data.tables import TableClient
from azure.eventgrid import EventGridPublisherClient
from azure.messaging.webpubsubservice import WebPubSubServiceClient
from azure.storage.blob import ContainerClient

from adapters.azure.blob_storage_blob_store import SasSigner, signed_with_account_key
from adapters.hmac_page_cursors import derived_key

TIMEOUT = httpx.Timeout(10.0, connect=5.0)
# Bounded retries of a throttled (429, 503) or failed request: at most 5 attempts, waiting
# 0, 1, 2 and 4 s between them (the SDKs' defaults allow 10 retries and waits up to 2 minutes,
# more than a function invocation should spend on one request). Then the error reaches the
# function, which fails, so that its trigger delivers again.
RETRIES: dict[str, Any] = {
    "retry_total": 4,
    "retry_connect": 4,
    "retry_read": 4,
    "retry_status": 4,
    "retry_backoff_factor": 0.5,
    "retry_backoff_max": 8,
    "connection_timeout": 5,
    "read_timeout": 10,
}


def table_client(connection_string: str, table: str) -> TableClient:
    return TableClient.from_connection_string(connection_string, table_name=table, **RETRIES)


def container_client(connection_string: str, container: str) -> ContainerClient:
    return ContainerClient.from_connection_string(connection_string, container_name=container)


def account_key_signer(connection_string: str, container: ContainerClient) -> SasSigner:
    """Signs links with the account key of the connection string (Azurite, or shared-key accounts)."""
    parts = dict(part.split("=", 1) for part in connection_string.split(";") if "=" in part)
    return signed_with_account_key(container, parts["AccountKey"])


def cursor_key(connection_string: str) -> bytes:
    """The key that seals page cursors: derived (HMAC) from the storage account's key, which
    the app already reads from Key Vault, so no other secret is kept; it cannot be turned back
    into the account key. Rotating the account key ends the cursors handed out before."""
    parts = dict(part.split("=", 1) for part in connection_string.split(";") if "=" in part)
    return derived_key(parts["AccountKey"].encode(), "page-cursors")


def eventgrid_client(endpoint: str, key: str) -> EventGridPublisherClient:
    return EventGridPublisherClient(endpoint, AzureKeyCredential(key), **RETRIES)


def webpubsub_client(connection_string: str, hub: str) -> WebPubSubServiceClient:
    return WebPubSubServiceClient.from_connection_string(connection_string, hub=hub)


def http_client() -> Any:
    """For the REST services without an SDK of their own here (Graph, Notification Hubs)."""
    return httpx.Client(timeout=TIMEOUT)
