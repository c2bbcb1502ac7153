"""Each invocation runs in an OpenTelemetry span and a trace (application/tracing.py).

The span is a child of the span that produced the invocation's message (the `parent` a job or
an event carried on, see application/messages), else of the host's span of the invocation
(`context.trace_context`), so one trace id runs from an IoT Hub message or an HTTP request
through Event Grid and the jobs queue to the push: Application Insights shows it as one
operation. The correlation id is that trace id; the request id the host's invocation id.
Where no tracer provider is set up (no Application Insights, a test of another binding) the
span records nothing and the correlation id is the carried one, or a new one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import cast

import azure.functions as func
from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from application import tracing

_tracer = trace.get_tracer("pawtrack")
# The default of a function's `context` parameter: the host always passes one; a test may not.
# (Typed as the Context itself: the worker accepts a `context` parameter of that type only.)
NO_CONTEXT = cast(func.Context, None)
_propagator = TraceContextTextMapPropagator()


@contextmanager
def invocation(
    name: str, context: func.Context | None, carried: tracing.Carried | None = None
) -> Iterator[None]:
    with _tracer.start_as_current_span(name, context=_parent(context, carried)) as span:
        found = span.get_span_context()
        traceparent = _propagated(found) if found.is_valid else None
        correlation_id = carried.correlation_id if carried else None
        if correlation_id is None and found.is_valid:
            correlation_id = trace.format_trace_id(found.trace_id)
        request_id = context.invocation_id if context is not None else None
        with tracing.traced(correlation_id, request_id=request_id, parent=traceparent):
            yield


def _parent(context: func.Context | None, carried: tracing.Carried | None) -> Context | None:
    if carried is not None and carried.parent:
        return _propagator.extract({"traceparent": carried.parent})
    host = getattr(getattr(context, "trace_context", None), "trace_parent", None)
    return _propagator.extract({"traceparent": host}) if isinstance(host, str) else None


def _propagated(span_context: trace.SpanContext) -> str:
    carrier: dict[str, str] = {}
    _propagator.inject(carrier, trace.set_span_in_context(trace.NonRecordingSpan(span_context)))
    return carrier["traceparent"]
