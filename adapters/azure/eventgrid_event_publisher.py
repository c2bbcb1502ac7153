"""Domain events on an Event Grid topic; its subscription hands them to the announcing Function.

Each event is in the Event Grid schema: subject `pawtrack/pets/<pet id>`, type the
event's class name, data its fields as adapters.event_codec writes them, data version
"1.0". The client raises (HttpResponseError) when the topic refuses the event.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from azure.eventgrid import EventGridEvent, EventGridPublisherClient

from adapters import event_codec
from application.ports.messaging import DomainEvent, EventPublisher

DATA_VERSION = "1.0"


class EventGridEventPublisher(EventPublisher):
    def __init__(self, client: EventGridPublisherClient) -> None:
        self._client = client

    def publish(self, event: DomainEvent) -> None:
        self._client.send(
            EventGridEvent(
                subject=f"pawtrack/pets/{event.pet_id}",
                event_type=event_codec.type_of(event),
                data=event_codec.encode(event),
                data_version=DATA_VERSION,
            )
        )


def event_from_grid(event_type: str, data: Mapping[str, Any]) -> DomainEvent:
    """The domain event of an Event Grid event's `eventType` and `data`.

    Raises ValueError for an unknown type or data that is not such an event.
    """
    return event_codec.decode(event_type, data)
