"""Web PubSub's negotiate endpoint: an owner's client asks where to connect for live updates.

GET /live/negotiate with a bearer token answers `{"url": ...}`, a WebSocket URL with a
short-lived token that joins the owner's Web PubSub group, to which the LiveUpdates adapter sends.
Only owners: apps acting for an owner get 403, as on the other bindings' live sockets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import azure.functions as func

from domain.errors import AccessDenied
from entrypoints.azure_functions import runtime
from entrypoints.azure_functions.http_messages import azure_response, neutral_request
from entrypoints.http.auth import caller
from entrypoints.http.messages import HttpRequest, HttpResponse, json_response
from entrypoints.http.problems import response_for

if TYPE_CHECKING:
    from entrypoints.container import Container

blueprint = func.Blueprint()


class LiveAccess(Protocol):
    """What the container's `live_access` provides (on Azure, over Web PubSub's service client)."""

    def client_url(self, owner_id: str) -> str:
        """A URL the owner's client connects to, receiving that owner's live updates only."""


def negotiation(container: Container, request: HttpRequest) -> HttpResponse:
    try:
        who = caller(container, request)
        if who.is_app:
            raise AccessDenied("live updates are for owners, not apps")
        access: LiveAccess = container.live_access()
        return json_response({"url": access.client_url(who.user_id)})
    except Exception as error:
        return response_for(error)


@blueprint.function_name("live_negotiate")
@blueprint.route(route="live/negotiate", methods=["GET"])
def negotiate(req: func.HttpRequest) -> func.HttpResponse:
    return azure_response(negotiation(runtime.container(), neutral_request(req)))
