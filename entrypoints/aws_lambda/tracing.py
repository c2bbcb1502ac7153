"""Each invocation runs in a trace (application/tracing.py): the chain's correlation id, and
Lambda's request id of the invocation.

A trigger that starts a chain (an HTTP request, an MQTT packet, an uploaded object, a socket)
takes X-Ray's trace id as its correlation id: with `Tracing: Active`, Lambda gives each
invocation one in `_X_AMZN_TRACE_ID`, and botocore sends it on with every call the function
makes (its `X-Amzn-Trace-Id` header), so SQS and EventBridge hand the same trace to the next
function and X-Ray draws the chain without an SDK in the package. A trigger that continues a
chain (an event, a job) takes the correlation id its message carries (application/messages).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from application import tracing
from entrypoints.aws_lambda.events_data import Event

Answer = TypeVar("Answer")
Handler = Callable[[Event, Any], Answer]


def xray_trace_id() -> str | None:
    """`1-5759e988-bd862e3fe1be46a994272793` out of `Root=1-…;Parent=…;Sampled=1`, if any."""
    header = os.environ.get("_X_AMZN_TRACE_ID", "")
    fields = dict(part.split("=", 1) for part in header.split(";") if "=" in part)
    return fields.get("Root")


def request_id(context: object) -> str | None:
    found = getattr(context, "aws_request_id", None)
    return found if isinstance(found, str) else None


@contextmanager
def invocation(context: object, carried: tracing.Carried | None = None) -> Iterator[None]:
    """The trace of one invocation, or of one message of a batch: the carried chain's, or a new
    one named after X-Ray's trace."""
    correlation_id = carried.correlation_id if carried else xray_trace_id()
    with tracing.traced(correlation_id, request_id=request_id(context)):
        yield


def traced(handler: Handler[Answer]) -> Handler[Answer]:
    """A handler whose trigger starts a chain."""

    @functools.wraps(handler)
    def run(event: Event, context: Any) -> Answer:
        with invocation(context):
            return handler(event, context)

    return run
