"""Which chain of work this is: the correlation id that follows a reading from its MQTT packet or
bundle upload through the queue and the events to its push and live update, and the ids of what
the work concerns (tracker, pet, owner), learnt as the core goes.

It lives in a context variable. The entrypoint that starts or continues a chain (a request, a
trigger, one queue message) opens a trace (`traced`); the core adds ids (`annotate`, or `concerning` for one part of a batch); the message
codecs put the correlation id on every event and job they write (`carried`) and read it back
(`carried_from`); the telemetry adapters put the whole trace on every line.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

import attrs

# What a correlation id or a parent may look like when it comes from outside (a header, a
# message): ids of the clouds' tracers (X-Ray's `1-5f0c…-…`, W3C's 32 hex digits) and ours.
_CORRELATION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,127}")
_PARENT = re.compile(r"[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}")  # W3C traceparent
IDS = ("tracker_id", "pet_id", "owner_id", "bundle_id")


@attrs.frozen
class Trace:
    """`correlation_id`: the chain's id, the same on every hop. `request_id`: the cloud's id of
    this one invocation or request. `parent`: the W3C traceparent of the span this hop runs in,
    where a tracer keeps spans (Azure's OpenTelemetry), carried on so the next hop's span is its
    child. `ids`: tracker, pet, owner and bundle ids as the core learnt them."""

    correlation_id: str
    request_id: str | None = None
    parent: str | None = None
    ids: Mapping[str, str] = attrs.field(factory=dict)


@attrs.frozen
class Carried:
    """What a message carries on to the next hop."""

    correlation_id: str
    parent: str | None = None


_current: ContextVar[Trace | None] = ContextVar("pawtrack_trace", default=None)


def new_correlation_id() -> str:
    """32 hex digits, the shape of a W3C trace id."""
    return uuid.uuid4().hex


def current() -> Trace | None:
    return _current.get()


@contextmanager
def traced(
    correlation_id: str | None = None,
    *,
    request_id: str | None = None,
    parent: str | None = None,
) -> Iterator[Trace]:
    """A trace for the work inside the block: the chain's id if it came with the work (checked,
    else a new one), this hop's request id and span. The trace outside is back after the block."""
    trace = Trace(checked(correlation_id) or new_correlation_id(), request_id, parent)
    token = _current.set(trace)
    try:
        yield trace
    finally:
        _current.reset(token)


def annotate(**ids: str) -> None:
    """The work concerns these (tracker_id, pet_id, owner_id, bundle_id): every line from now
    on in this trace names them. Outside a trace nothing happens."""
    trace = _current.get()
    if _known(ids) and trace is not None:
        _current.set(attrs.evolve(trace, ids={**trace.ids, **ids}))


@contextmanager
def concerning(**ids: str) -> Iterator[None]:
    """The work inside the block concerns these (one tracker of a batch of many): its lines
    name them; after the block the trace names what it named before."""
    trace = _current.get()
    if not _known(ids) or trace is None:
        yield
        return
    token = _current.set(attrs.evolve(trace, ids={**trace.ids, **ids}))
    try:
        yield
    finally:
        _current.reset(token)


def _known(ids: Mapping[str, str]) -> bool:
    unknown = set(ids) - set(IDS)
    if unknown:
        raise ValueError(f"a trace names only {', '.join(IDS)}, not {', '.join(sorted(unknown))}")
    return True


def carried() -> dict[str, str] | None:
    """What an outgoing message carries of the current trace (None outside one)."""
    trace = _current.get()
    if trace is None:
        return None
    found = {"correlation_id": trace.correlation_id}
    if trace.parent:
        found["parent"] = trace.parent
    return found


def carried_from(raw: object) -> Carried | None:
    """The trace a message carried, as `carried` wrote it; None for anything else (a message
    from before, or from someone else): the hop then starts a chain of its own."""
    if not isinstance(raw, Mapping):
        return None
    correlation_id = checked(raw.get("correlation_id"))
    if correlation_id is None:
        return None
    parent = raw.get("parent")
    return Carried(correlation_id, parent if _is_parent(parent) else None)


def checked(correlation_id: object) -> str | None:
    """A correlation id from outside, if it looks like one (no spaces, quotes or line breaks
    that could forge a log line), else None."""
    if isinstance(correlation_id, str) and _CORRELATION_ID.fullmatch(correlation_id):
        return correlation_id
    return None


def _is_parent(value: object) -> bool:
    return isinstance(value, str) and _PARENT.fullmatch(value) is not None
