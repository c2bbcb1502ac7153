"""Domain events on an EventBridge bus; a rule hands them to the announcing Lambda."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from adapters import event_codec
from application.ports.messaging import DomainEvent, EventPublisher

SOURCE = "pawtrack"


class EventNotPublished(RuntimeError):
    """EventBridge refused the event; the caller's retry may succeed."""


class EventBridgeEventPublisher(EventPublisher):
    def __init__(self, client: Any, event_bus: str) -> None:
        self._client, self._event_bus = client, event_bus

    def publish(self, event: DomainEvent) -> None:
        entry = {
            "EventBusName": self._event_bus,
            "Source": SOURCE,
            "DetailType": event_codec.type_of(event),
            "Detail": json.dumps(event_codec.encode(event)),
        }
        answer = self._client.put_events(Entries=[entry])
        if answer.get("FailedEntryCount", 0) > 0:
            failed = answer["Entries"][0]
            raise EventNotPublished(
                f"EventBridge refused {entry['DetailType']}: "
                f"{failed.get('ErrorCode')}: {failed.get('ErrorMessage')}"
            )


def event_from_detail(detail_type: str, detail: Mapping[str, Any]) -> DomainEvent:
    """The domain event of an EventBridge event's `detail-type` and `detail`.

    Raises ValueError for an unknown type or a detail that is not such an event.
    """
    return event_codec.decode(detail_type, detail)
