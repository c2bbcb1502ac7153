"""What a trigger does with an event it cannot take: one of two defined outcomes, each told by
one log line, never a traceback.

- Rejected (MalformedEvent): the event is not of the shape the function takes, another
  trigger's or damaged; retrying cannot make it readable, so the function answers its
  rejection (400 to a gateway, nothing to retry to a queue or a bus) and does nothing.
- Failed (DeliveryFailed): a message of Pawtrack's own queue or bus that the function cannot
  read or act on yet (a publisher newer than its consumer, a bundle not uploaded yet). The
  function raises it on purpose: the platform retries, then keeps the message where a person
  can look at it (Lambda's on-failure destination, Event Grid's dead-letter container, the
  poison queue). SQS takes no exception: its handler names the message in batchItemFailures.

The event views (aws_lambda/events_data.py, azure_functions/events_data.py) raise
MalformedEvent; the handlers call `rejected` or `failed`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

log = logging.getLogger(__name__)


class MalformedEvent(Exception):
    """The event is not of the shape the function takes; the message says what is wrong."""


class DeliveryFailed(Exception):
    """Raised on purpose so that the platform retries the delivery and then dead-letters it;
    the message is the line already logged."""


def rejected(function: str, reason: object) -> None:
    log.warning("%s rejected an event it does not take: %s", function, reason)


def failed(function: str, reason: object) -> DeliveryFailed:
    """Logs the line and returns the exception to raise (`raise failed(...) from None`)."""
    line = f"{function} could not take a delivery, which goes back for a retry: {reason}"
    log.warning(line)
    return DeliveryFailed(line)


def an_object(raw: object, what: str) -> Mapping[str, Any]:
    """`raw` if it is a JSON object; MalformedEvent naming `what` otherwise."""
    if not isinstance(raw, Mapping):
        raise MalformedEvent(f"{what} is not a JSON object but {type(raw).__name__}")
    return raw


def a_text(raw: Mapping[str, Any], name: str, what: str) -> str:
    """The non-empty string `raw[name]`; MalformedEvent otherwise."""
    value = raw.get(name)
    if not isinstance(value, str) or not value:
        raise MalformedEvent(f"{what} has no {name}")
    return value
