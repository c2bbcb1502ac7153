"""API Gateway's WebSocket API: owners' sockets that receive live updates of their pets.

`$connect` is the only moment to refuse: a non-2xx answer makes API Gateway refuse the
handshake. The registry of connections (`container.connections()`) is what the
LiveUpdates adapter posts to through API Gateway's management API.
"""

from __future__ import annotations

from typing import Any

from application.use_cases.authenticate import AuthenticateQuery
from domain.errors import Unauthenticated
from entrypoints.aws_lambda import runtime
from entrypoints.aws_lambda.events_data import Event, WebSocketEvent

Answer = dict[str, Any]


def connect(event: Event, context: object) -> Answer:
    socket, container = WebSocketEvent(event), runtime.container()
    try:
        who = container.authenticate()(AuthenticateQuery(socket.token))
    except Unauthenticated:
        return {"statusCode": 401}
    if who.is_app:  # live updates are the owner's, as on the local server's /live
        return {"statusCode": 403}
    container.connections().add(who.user_id, socket.connection_id)
    return {"statusCode": 200}


def disconnect(event: Event, context: object) -> Answer:
    runtime.container().connections().remove(WebSocketEvent(event).connection_id)
    return {"statusCode": 200}


def default(event: Event, context: object) -> Answer:
    """Clients have nothing to say: live updates flow one way, posted to the connection, and
    the token was judged once, at `$connect`. What a client sends anyway (a keep-alive against
    API Gateway's 10-minute idle timeout, say) lands here and is dropped, rather than meeting
    the error API Gateway answers to a message that no route takes."""
    return {"statusCode": 200}
