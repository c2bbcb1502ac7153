"""Domain events as JSON objects and back: what EventBridge and Event Grid carry as an event's data.

One codec for both directions, so that what the publisher writes is exactly what
the EventBridge Lambda reads. The type travels beside the object (EventBridge's
`detail-type`), not inside it. Reading is strict: a field of the wrong type, a
missing or an unknown one is a ValueError, never a guess. Beside the event's fields the object
carries `trace`, the chain's correlation id (application/tracing.py), which `trace_of` reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import cattrs

from application import tracing
from application.ports.messaging import DomainEvent
from domain.announcements import ActivityUpdated, BatteryLow, GoalReached, LeftSafeZone

# The source of Pawtrack's events on its EventBridge bus (the rule delivers only these).
PAWTRACK_SOURCE = "pawtrack"
TRACE = "trace"
EVENT_TYPES: dict[str, type[DomainEvent]] = {
    kind.__name__: kind for kind in (GoalReached, BatteryLow, LeftSafeZone, ActivityUpdated)
}

_converter = cattrs.Converter(forbid_extra_keys=True)
_converter.register_unstructure_hook(date, date.isoformat)


def _strict(kind: type) -> Any:
    def structure(value: object, _: type) -> object:
        if type(value) is not kind:  # cattrs would turn "5" into 5 and True into 1
            raise ValueError(f"expected {kind.__name__}, got {type(value).__name__}")
        return value

    return structure


def _day(value: object, _: type) -> date:
    if not isinstance(value, str):
        raise ValueError("a day is an ISO date string")
    return date.fromisoformat(value)


for _kind in (str, int):
    _converter.register_structure_hook(_kind, _strict(_kind))
_converter.register_structure_hook(date, _day)


def type_of(event: DomainEvent) -> str:
    """The event's type name: its class name (GoalReached, BatteryLow, ActivityUpdated)."""
    return type(event).__name__


def encode(event: DomainEvent) -> dict[str, Any]:
    """The event's fields as a JSON-ready object (days as ISO dates), and the current trace."""
    encoded: dict[str, Any] = _converter.unstructure(event)
    trace = tracing.carried()
    if trace is not None:
        encoded[TRACE] = trace
    return encoded


def trace_of(detail: object) -> tracing.Carried | None:
    """The trace an encoded event carried on, if any (never raises)."""
    return tracing.carried_from(detail.get(TRACE)) if isinstance(detail, Mapping) else None


def decode(event_type: str, detail: object) -> DomainEvent:
    """The event `encode` made. Raises ValueError for an unknown type or a malformed object."""
    kind = EVENT_TYPES.get(event_type)
    if kind is None:
        raise ValueError(f"unknown event type {event_type!r}")
    if not isinstance(detail, Mapping):
        raise ValueError("an event's detail is a JSON object")
    fields = {name: value for name, value in detail.items() if name != TRACE}
    try:
        event: DomainEvent = _converter.structure(fields, kind)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as error:
        raise ValueError(f"not a readable {event_type}: {error}") from error
    return event
