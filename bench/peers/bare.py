"""The floor: a handler that reads the HTTP API event by hand and answers the payload itself."""

from __future__ import annotations

import json
from typing import Any

from bench.peers import common


def handler(event: dict[str, Any], context: object) -> dict[str, Any]:
    params = event.get("pathParameters") or {}
    try:
        view = common.daily_activity(
            common.bearer(event.get("headers")), params["pet_id"], params["day"]
        )
    except common.Unauthorized:
        return {"statusCode": 401, "body": '{"title": "unauthenticated"}'}
    if view is None:
        return {"statusCode": 404, "body": '{"title": "not found"}'}
    return {
        "statusCode": 200,
        "headers": {"content-type": "application/json"},
        "body": json.dumps(view),
    }
