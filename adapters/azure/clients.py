"""Azure SDK clients as the adapters want them, built by the container on first use."""

from __future__ import annotations

from typing import Any

import httpx
from azure.core.credentials import AzureKeyCredential
from azure.data.tables import TableClient
from azure.eventgrid import EventGridPublisherClient
from azure.messaging.webpubsubservice import WebPubSubServiceClient
from azure.storage.blob import ContainerClient

from adapters.azure.blob_storage import SasSigner, signed_with_account_key

TIMEOUT = httpx.Timeout(10.0, connect=5.0)


def table_client(connection_string: str, table: str) -> TableClient:
    return TableClient.from_connection_string(connection_string, table_name=table)


def container_client(connection_string: str, container: str) -> ContainerClient:
    return ContainerClient.from_connection_string(connection_string, container_name=container)


def account_key_signer(connection_string: str, container: ContainerClient) -> SasSigner:
    """Signs links with the account key of the connection string (Azurite, or shared-key accounts)."""
    parts = dict(part.split("=", 1) for part in connection_string.split(";") if "=" in part)
    return signed_with_account_key(container, parts["AccountKey"])


def eventgrid_client(endpoint: str, key: str) -> EventGridPublisherClient:
    return EventGridPublisherClient(endpoint, AzureKeyCredential(key))


def webpubsub_client(connection_string: str, hub: str) -> WebPubSubServiceClient:
    return WebPubSubServiceClient.from_connection_string(connection_string, hub=hub)


def http_client() -> Any:
    """For the REST services without an SDK of their own here (Graph, Notification Hubs)."""
    return httpx.Client(timeout=TIMEOUT)
