"""Web PubSub's negotiate endpoint: an owner's client asks where to connect for live updates.

GET /live/negotiate with a bearer token answers `{"url": ...}`, a WebSocket URL with a
short-lived token that joins the owner's Web PubSub group, to which the LiveUpdates adapter sends.
Only owners: apps acting for an owner get 403 (OpenLiveUpdates), as on the other bindings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import azure.functions as func

from application.use_cases.open_live_updates import OpenLiveUpdatesCommand
from entrypoints.azure_functions import runtime
from entrypoints.azure_functions.blueprints import blueprint as new_blueprint
from entrypoints.azure_functions.http_messages import azure_response, neutral_request
from entrypoints.azure_functions.tracing import NO_CONTEXT, invocation
from entrypoints.http.auth import caller
from entrypoints.http.messages import HttpRequest, HttpResponse, json_response
from entrypoints.http.problems import response_for

if TYPE_CHECKING:
    from entrypoints.wiring import Container

blueprint = new_blueprint()


def negotiation(container: Container, request: HttpRequest) -> HttpResponse:
    try:
        who = caller(container, request)
        url = container.open_live_updates()(OpenLiveUpdatesCommand(who))
        return json_response({"url": url})
    except Exception as error:
        return response_for(error)


@blueprint.function_name("live_negotiate")
@blueprint.route(route="live/negotiate", methods=["GET"])
def negotiate(req: func.HttpRequest, context: func.Context = NO_CONTEXT) -> func.HttpResponse:
    with invocation("live_negotiate", context):
        return azure_response(negotiation(runtime.container(), neutral_request(req)))
