"""Powertools for AWS Lambda's APIGatewayHttpResolver (payload 2.0), one route."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver
from aws_lambda_powertools.event_handler.exceptions import NotFoundError, UnauthorizedError

from bench.peers import common

app = APIGatewayHttpResolver()


@app.get("/pets/<pet_id>/activity/<day>")
def activity(pet_id: str, day: str) -> dict[str, object]:
    try:
        view = common.daily_activity(common.bearer(app.current_event.headers), pet_id, day)
    except common.Unauthorized as error:
        raise UnauthorizedError("unauthenticated") from error
    if view is None:
        raise NotFoundError("not found")
    return view


def handler(event: dict[str, Any], context: object) -> dict[str, Any]:
    return app.resolve(event, context)  # type: ignore[arg-type]
