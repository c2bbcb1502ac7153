"""boto3 clients as the AWS adapters want them: standard retry mode, built by the container on first use."""

from __future__ import annotations

from typing import Any

import boto3
from botocore.config import Config

RETRIES = Config(
    retries={"mode": "standard", "max_attempts": 5}, connect_timeout=5, read_timeout=10
)


# Presigned S3 links must be SigV4: newer buckets refuse SigV2, which also leaves the content type unsigned.
SERVICE_CONFIG = {"s3": RETRIES.merge(Config(signature_version="s3v4"))}


def client(service: str, region: str, endpoint_url: str | None = None) -> Any:
    """A low-level client; `endpoint_url` only where the endpoint is the deployment's own (WebSockets)."""
    config = SERVICE_CONFIG.get(service, RETRIES)
    return boto3.client(service, region_name=region, endpoint_url=endpoint_url, config=config)
