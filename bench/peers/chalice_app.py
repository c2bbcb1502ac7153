"""Chalice, its app object invoked as Lambda invokes it (REST API payload 1.0: Chalice's format)."""

from __future__ import annotations

from typing import Any

from chalice import Chalice, NotFoundError, UnauthorizedError

from bench.peers import common

app = Chalice(app_name="bench")


@app.route("/pets/{pet_id}/activity/{day}", methods=["GET"])
def activity(pet_id: str, day: str) -> dict[str, object]:
    request = app.current_request
    assert request is not None
    try:
        view = common.daily_activity(common.bearer(dict(request.headers)), pet_id, day)
    except common.Unauthorized as error:
        raise UnauthorizedError("unauthenticated") from error
    if view is None:
        raise NotFoundError("not found")
    return view


def handler(event: dict[str, Any], context: object) -> dict[str, Any]:
    answer: dict[str, Any] = app(event, context)
    return answer
