"""Domain events on an Event Grid topic; its subscription hands them to the announcing Function.

Each event is in the Event Grid schema: subject `pawtrack/pets/<pet id>`, type the
event's class name, data its fields as application.messages.events writes them, data version
"1.0". The client raises (HttpResponseError) when the topic refuses the event.
"""

from __future__ import annotations

from azure.eventgrid import EventGridEvent, EventGridPublisherClient

from application.messages import events as event_codec
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
