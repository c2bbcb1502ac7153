"""The "aws" factories of the service ports: S3, SNS, API Gateway, EventBridge, SQS, Cognito.

Each test gets fresh resources on the session's moto server (`provision()`); the
harnesses in harnesses/aws.py show the effects as a phone, a WebSocket client or a
Lambda consumer would see them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from adapters.aws.cognito_app_registry import CognitoAppRegistry
from adapters.aws.cognito_identity_verifier import CognitoIdentityVerifier
from adapters.aws.dynamodb_app_records import DynamoDBAppRecords
from adapters.aws.s3_dead_letters import S3DeadLetters
from application.ports.identity import IdentityVerifier
from tests.support import aws

from .harnesses.aws import (
    ApiGatewayLiveHarness,
    CognitoTokenMinter,
    CognitoUserHarness,
    EventBridgeHarness,
    S3BlobHarness,
    SnsPushHarness,
    SqsJobQueueHarness,
)
from .harnesses.identity import TokenMinter
from .harnesses.live import LiveHarness


def apps(ws: Any) -> CognitoAppRegistry:
    testbed = aws.provision()
    records = DynamoDBAppRecords(aws.client("dynamodb"), testbed.table)
    return CognitoAppRegistry(aws.client("cognito-idp"), testbed.user_pool_id, records)


def user_directory(ws: Any) -> CognitoUserHarness:
    return CognitoUserHarness(aws.provision())


def blobs(ws: Any) -> S3BlobHarness:
    return S3BlobHarness(aws.provision(), ws.clock)


def dead_letters(ws: Any) -> S3DeadLetters:
    testbed = aws.provision()
    return S3DeadLetters(aws.client("s3"), testbed.bucket)


def push(ws: Any) -> SnsPushHarness:
    return SnsPushHarness(aws.provision())


def live(ws: Any) -> Iterator[LiveHarness]:
    harness = ApiGatewayLiveHarness(aws.provision())
    yield harness
    harness.close()


def events(ws: Any) -> EventBridgeHarness:
    return EventBridgeHarness(aws.provision())


def jobs(ws: Any) -> SqsJobQueueHarness:
    return SqsJobQueueHarness(aws.provision())


@functools.cache
def _user_pool() -> aws.AwsTestbed:
    """One deployment for the identity tests: they only sign in (their tokens are crafted)."""
    return aws.provision()


def identity(ws: Any) -> Iterator[tuple[IdentityVerifier, TokenMinter]]:
    """Cognito's verifier, with the pool's keys fetched now: some tests forbid the network."""
    testbed = _user_pool()
    owner = aws.sign_in(testbed, "model-owner")
    minter = CognitoTokenMinter(testbed, owner, aws.sign_in(testbed, "model-admin", admin=True))
    verifier = CognitoIdentityVerifier(
        testbed.jwks_url, testbed.issuer, testbed.app_client_id, minter.apps, minter.clock
    )
    verifier.verify(owner)
    yield verifier, minter
