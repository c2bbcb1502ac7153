"""The "aws" factories of the storage ports: DynamoDB adapters on the session's moto server.

Each test gets a fresh table, made as `provision()` makes it but without the rest
of a testbed (about 25 ms instead of 350). All adapters share one low-level
client, as the threads of a Lambda function would: boto3 clients are thread-safe.

(The session's moto server applies one request at a time, as DynamoDB applies each
atomically: see tests/support/aws.py.)
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from typing import Any

from adapters.aws import (
    dynamodb_activity_ledger,
    dynamodb_announcement_log,
    dynamodb_api_keys,
    dynamodb_app_requests,
    dynamodb_articles,
    dynamodb_authorizations,
    dynamodb_bundles,
    dynamodb_erased_accounts,
    dynamodb_grants,
    dynamodb_owners,
    dynamodb_pets,
    dynamodb_phone_registry,
    dynamodb_quarantine_store,
    dynamodb_rate_limiter,
    dynamodb_subscriptions,
    dynamodb_trackers,
)
from tests.support import aws


@functools.cache
def _dynamodb() -> Any:
    return aws.client("dynamodb")


def _on_fresh_table(adapter: Callable[[Any, str], Any]) -> Callable[[object], Any]:
    def factory(workspace: object) -> Any:
        return adapter(_dynamodb(), aws.create_table(f"pawtrack-{uuid.uuid4().hex[:10]}"))

    return factory


PETS = _on_fresh_table(dynamodb_pets.DynamoDBPetRepository)
TRACKERS = _on_fresh_table(dynamodb_trackers.DynamoDBTrackerRepository)
LEDGERS = _on_fresh_table(dynamodb_activity_ledger.DynamoDBActivityLedger)
QUARANTINES = _on_fresh_table(dynamodb_quarantine_store.DynamoDBQuarantineStore)
OWNERS = _on_fresh_table(dynamodb_owners.DynamoDBOwnerRepository)
PHONES = _on_fresh_table(dynamodb_phone_registry.DynamoDBPhoneRegistry)
BUNDLES = _on_fresh_table(dynamodb_bundles.DynamoDBBundleRepository)
GRANTS = _on_fresh_table(dynamodb_grants.DynamoDBGrantRepository)
API_KEYS = _on_fresh_table(dynamodb_api_keys.DynamoDBApiKeyRepository)
ARTICLES = _on_fresh_table(dynamodb_articles.DynamoDBArticleRepository)
ANNOUNCEMENT_LOGS = _on_fresh_table(dynamodb_announcement_log.DynamoDBAnnouncementLog)
ERASED = _on_fresh_table(dynamodb_erased_accounts.DynamoDBErasedAccounts)
APP_REQUESTS = _on_fresh_table(dynamodb_app_requests.DynamoDBAppRequests)
AUTHORIZATIONS = _on_fresh_table(dynamodb_authorizations.DynamoDBAuthorizations)
SUBSCRIPTIONS = _on_fresh_table(dynamodb_subscriptions.DynamoDBSubscriptions)
RATE_LIMITERS = _on_fresh_table(dynamodb_rate_limiter.DynamoDBRateLimiter)
