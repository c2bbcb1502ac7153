"""API Gateway's WebSocket API: owners' sockets that receive live updates of their pets.

`$connect` is the only moment to refuse: a non-2xx answer makes API Gateway refuse the
handshake. The connection is then attached to its owner (OpenLiveUpdates), which is whom the
LiveUpdates adapter posts to through API Gateway's management API.
"""

from __future__ import annotations

from typing import Any

from application.ports.live import LiveClient
from application.use_cases.authenticate import AuthenticateQuery
from application.use_cases.close_live_updates import CloseLiveUpdatesCommand
from application.use_cases.open_live_updates import OpenLiveUpdatesCommand
from domain.errors import AccessDenied, Unauthenticated
from entrypoints.aws_lambda import runtime
from entrypoints.aws_lambda.events_data import Event, WebSocketEvent
from entrypoints.aws_lambda.tracing import traced
from entrypoints.triggers import MalformedEvent, rejected

Answer = dict[str, Any]
REJECTED: Answer = {"statusCode": 400}  # an event of another route or trigger, or damaged


@traced
def connect(event: Event, context: object) -> Answer:
    try:
        socket = WebSocketEvent(event, "CONNECT")
        token = socket.token
    except MalformedEvent as error:
        rejected("websocket $connect", error)
        return REJECTED
    container = runtime.container()
    try:
        who = container.authenticate()(AuthenticateQuery(token))
        container.open_live_updates()(OpenLiveUpdatesCommand(who, LiveClient(socket.connection_id)))
    except Unauthenticated:
        return {"statusCode": 401}
    except AccessDenied:
        return {"statusCode": 403}
    return {"statusCode": 200}


@traced
def disconnect(event: Event, context: object) -> Answer:
    try:
        command = CloseLiveUpdatesCommand(WebSocketEvent(event, "DISCONNECT").connection_id)
    except MalformedEvent as error:
        rejected("websocket $disconnect", error)
        return REJECTED
    runtime.container().close_live_updates()(command)
    return {"statusCode": 200}


@traced
def default(event: Event, context: object) -> Answer:
    """Clients have nothing to say: live updates flow one way, posted to the connection, and
    the token was judged once, at `$connect`. What a client sends anyway (a keep-alive against
    API Gateway's 10-minute idle timeout, say) lands here and is dropped, rather than meeting
    the error API Gateway answers to a message that no route takes. An event that is no
    WebSocket message is rejected."""
    try:
        WebSocketEvent(event, "MESSAGE")
    except MalformedEvent as error:
        rejected("websocket $default", error)
        return REJECTED
    return {"statusCode": 200}
