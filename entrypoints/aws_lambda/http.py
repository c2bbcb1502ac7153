"""API Gateway → the one route table: `handler` takes HTTP API (payload 2.0) and REST API (1.0)
events and answers in the event's own format."""

from __future__ import annotations

from typing import Any

from entrypoints.aws_lambda import runtime
from entrypoints.aws_lambda.apigateway import Event, gateway_event
from entrypoints.aws_lambda.tracing import traced
from entrypoints.http.routes import ROUTES_BY_KEY, dispatch, route_and_dispatch


@traced
def handler(event: Event, context: object) -> dict[str, Any]:
    gateway, container = gateway_event(event), runtime.container()
    if gateway.route_key in ROUTES_BY_KEY:  # the gateway matched one of the table's routes
        response = dispatch(container, gateway.route_key, gateway.request)
    else:  # `$default`, `ANY /{proxy+}`: the table matches, and answers 404 or 405 if nothing does
        response = route_and_dispatch(container, gateway.request)
    return gateway.answer(response)
