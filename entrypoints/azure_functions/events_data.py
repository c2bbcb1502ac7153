"""What the Functions host hands the non-HTTP functions, read through thin checked views.

The host types the envelope (an EventGridEvent, a QueueMessage); what it carries is the
sender's, and may be another trigger's or damaged: a view checks the shape it reads when it is
made, and an unexpected one is MalformedEvent (entrypoints/triggers.py).
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import azure.functions as func

from entrypoints.triggers import MalformedEvent, a_text, an_object

BLOB_CREATED = "Microsoft.Storage.BlobCreated"
SYSTEM_EVENTS = "Microsoft."  # the prefix of Azure's own event types


class BlobCreated:
    """Event Grid's BlobCreated of a storage account: the blob's account, container and name,
    from its URL `https://<account>.blob.core.windows.net/<container>/<name>` (percent-encoded)."""

    def __init__(self, event: func.EventGridEvent) -> None:
        if event.event_type != BLOB_CREATED:
            raise MalformedEvent(f"a {event.event_type} event, not {BLOB_CREATED}")
        url = a_text(an_object(event.get_json(), "BlobCreated's data"), "url", "BlobCreated's data")
        parts = urlsplit(url)
        account, _, _ = (parts.hostname or "").partition(".")
        _, container, name = (parts.path.split("/", 2) + ["", ""])[:3]
        if not (parts.scheme and account and container and name):
            raise MalformedEvent(f"BlobCreated names no blob URL: {url[:200]!r}")
        self.account, self.container, self.name = account, container, unquote(name)

    @property
    def store(self) -> str:
        """How BlobStore.is_store names a container: `<account>/<container>`."""
        return f"{self.account}/{self.container}"


class PawtrackEvent:
    """An event of Pawtrack's custom topic: its type and data (read by the events codec). Azure's
    own events (`Microsoft.*`) are another topic's."""

    def __init__(self, event: func.EventGridEvent) -> None:
        if event.event_type.startswith(SYSTEM_EVENTS):
            raise MalformedEvent(f"a {event.event_type} event, not one of Pawtrack's topic")
        self.id, self.event_type, self.data = event.id, event.event_type, event.get_json()


def queue_text(message: func.QueueMessage) -> str:
    """The message's body as text (the job codec reads it); MalformedEvent if it is not UTF-8."""
    try:
        return message.get_body().decode("utf-8")
    except UnicodeDecodeError:
        raise MalformedEvent("the message body is not UTF-8 text") from None
