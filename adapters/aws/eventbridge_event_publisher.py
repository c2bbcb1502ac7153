"""Domain events on an EventBridge bus; a rule hands them to the announcing Lambda."""

from __future__ import annotations

import json
from typing import Any

from application.messages import events as event_codec
from application.ports.messaging import DomainEvent, EventPublisher


class EventNotPublished(RuntimeError):
    """EventBridge refused the event; the caller's retry may succeed."""


class EventBridgeEventPublisher(EventPublisher):
    def __init__(self, client: Any, event_bus: str) -> None:
        self._client, self._event_bus = client, event_bus

    def publish(self, event: DomainEvent) -> None:
        entry = {
            "EventBusName": self._event_bus,
            "Source": event_codec.PAWTRACK_SOURCE,
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
