"""boto3 clients as the AWS adapters want them: standard retry mode, built by the container on first use.

Retries are bounded: at most 5 attempts of a call (`total_max_attempts`: botocore reads
`max_attempts` as retries after the first attempt), throttling (ProvisionedThroughputExceeded,
ThrottlingException) and transient errors included, with botocore's exponential backoff with
jitter between them (at most 1, 2, 4 and 8 s). Then the error reaches the handler, which fails
so that its trigger delivers again (an SQS batch item failure, Lambda's retries).
"""

from __future__ import annotations

from typing import Any, Literal

import boto3
from botocore.config import Config

MAX_ATTEMPTS = 5
RETRIES = Config(
    retries={"mode": "standard", "total_max_attempts": MAX_ATTEMPTS},
    connect_timeout=5,
    read_timeout=10,
)


# Presigned S3 links must be SigV4: newer buckets refuse SigV2, which also leaves the content type unsigned.
SERVICE_CONFIG = {"s3": RETRIES.merge(Config(signature_version="s3v4"))}


Service = Literal[
    "dynamodb", "s3", "sqs", "sns", "events", "cognito-idp", "apigatewaymanagementapi"
]


def client(service: Service, region: str, endpoint_url: str | None = None) -> Any:
    """A low-level client; `endpoint_url` only where the endpoint is the deployment's own (WebSockets)."""
    config = SERVICE_CONFIG.get(service, RETRIES)
    return boto3.client(service, region_name=region, endpoint_url=endpoint_url, config=config)
