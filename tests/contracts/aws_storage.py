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
    dynamodb_access,
    dynamodb_activity,
    dynamodb_announcements,
    dynamodb_content,
    dynamodb_erased,
    dynamodb_pets,
    dynamodb_quarantine,
    dynamodb_records,
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
LEDGERS = _on_fresh_table(dynamodb_activity.DynamoDBActivityLedger)
QUARANTINES = _on_fresh_table(dynamodb_quarantine.DynamoDBQuarantineStore)
OWNERS = _on_fresh_table(dynamodb_records.DynamoDBOwnerRepository)
PHONES = _on_fresh_table(dynamodb_records.DynamoDBPhoneRegistry)
BUNDLES = _on_fresh_table(dynamodb_records.DynamoDBBundleRepository)
GRANTS = _on_fresh_table(dynamodb_access.DynamoDBGrantRepository)
API_KEYS = _on_fresh_table(dynamodb_access.DynamoDBApiKeyRepository)
ARTICLES = _on_fresh_table(dynamodb_content.DynamoDBArticleRepository)
ANNOUNCEMENT_LOGS = _on_fresh_table(dynamodb_announcements.DynamoDBAnnouncementLog)
ERASED = _on_fresh_table(dynamodb_erased.DynamoDBErasedAccounts)
