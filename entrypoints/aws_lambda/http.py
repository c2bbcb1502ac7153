"""API Gateway → the one route table: `handler` takes HTTP API (payload 2.0) and REST API (1.0)
events and answers in the event's own format."""

from __future__ import annotations

from typing import Any

from entrypoints.aws_lambda import runtime
from entrypoints.aws_lambda.apigateway import Event, GatewayEvent, gateway_event
from entrypoints.aws_lambda.tracing import traced
from entrypoints.http.problems import problem_response
from entrypoints.http.routes import ROUTES_BY_KEY, dispatch, route_and_dispatch
from entrypoints.triggers import MalformedEvent, rejected


@traced
def handler(event: Event, context: object) -> dict[str, Any]:
    """An event that is no API Gateway proxy event is answered 400 problem+json (one log line)."""
    try:
        gateway = gateway_event(event)
    except MalformedEvent as error:
        rejected("http", error)
        return GatewayEvent.answer(problem_response(400, f"not an API Gateway request: {error}"))
    container = runtime.container()
    if gateway.route_key in ROUTES_BY_KEY:  # the gateway matched one of the table's routes
        response = dispatch(container, gateway.route_key, gateway.request)
    else:  # `$default`, `ANY /{proxy+}`: the table matches, and answers 404 or 405 if nothing does
        response = route_and_dispatch(container, gateway.request)
    return gateway.answer(response)
