"""Every route of the one route table as its own HTTP function: Azure matches the route.

Each function carries its route's template (without the leading slash: host.json sets
`routePrefix` to "", so Azure's paths are the table's) and method, and passes the route's key
on to `dispatch`, as API Gateway's `routeKey` does on AWS. A path no function has gets the
host's own 404; 405 is the host's too.
"""

from __future__ import annotations

import re

import azure.functions as func

from entrypoints.azure_functions import runtime
from entrypoints.azure_functions.blueprints import blueprint as new_blueprint
from entrypoints.azure_functions.http_messages import azure_response, neutral_request
from entrypoints.azure_functions.tracing import NO_CONTEXT, invocation
from entrypoints.http.routes import ROUTES, Route, dispatch

blueprint = new_blueprint()


def function_name(route: Route) -> str:
    """`GET /pets/{pet_id}/activity/{day}` → `http_get_pets_pet_id_activity_day`: unique per
    route, and of the letters, digits and underscores that Functions allows in a name."""
    words = re.findall(r"[a-z0-9]+", route.template.lower())
    return "_".join(["http", route.method.lower(), *words])


def _serve(route: Route) -> None:
    @blueprint.function_name(function_name(route))
    @blueprint.route(route=route.template.removeprefix("/"), methods=[route.method])
    def serve(req: func.HttpRequest, context: func.Context = NO_CONTEXT) -> func.HttpResponse:
        with invocation(function_name(route), context):
            answer = dispatch(runtime.container(), route.key, neutral_request(req))
        return azure_response(answer)


for _route in ROUTES:
    _serve(_route)
