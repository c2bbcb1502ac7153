"""`/live`: an owner's WebSocket that receives `activity-updated` as readings arrive.

The token comes as the `access_token` query parameter (browsers cannot set
headers on a WebSocket) or as an `Authorization: Bearer` header. A bad one
closes the socket with 4401, an app's token with 4403: live updates are the owner's.
When the owner deletes their account, the server closes their sockets with 4401.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.websockets import WebSocket

from adapters.local.websocket_live_updates import WebSocketLiveUpdates
from application.use_cases.authenticate import AuthenticateQuery
from domain.access import Caller
from domain.errors import Unauthenticated
from entrypoints.http.auth import bearer_token
from entrypoints.http.messages import HttpRequest

if TYPE_CHECKING:
    from entrypoints.container import Container

UNAUTHENTICATED, FORBIDDEN, UNAVAILABLE = 4401, 4403, 1011


def live_endpoint(container: Container) -> Callable[[WebSocket], Awaitable[None]]:
    async def endpoint(websocket: WebSocket) -> None:
        who, updates = await _caller(container, websocket), container.live()
        await websocket.accept()  # a close code reaches the client only on an open socket
        if who is None or who.is_app or not isinstance(updates, WebSocketLiveUpdates):
            await websocket.close(_refusal(who))
            return
        # Registered before this task yields again: the client may send readings right away.
        handle = updates.connect(
            who.user_id,
            websocket.send_json,
            asyncio.get_running_loop(),
            close=functools.partial(websocket.close, UNAUTHENTICATED, "the account was deleted"),
        )
        try:
            while (await websocket.receive())["type"] != "websocket.disconnect":
                pass  # the client has nothing to say; reading only notices that it left
        finally:
            updates.disconnect(handle)

    return endpoint


async def _caller(container: Container, websocket: WebSocket) -> Caller | None:
    headers = dict(websocket.headers)
    token = websocket.query_params.get("access_token") or bearer_token(
        HttpRequest("GET", "/live", headers=headers)
    )
    try:
        return await run_in_threadpool(container.authenticate(), AuthenticateQuery(token))
    except Unauthenticated:
        return None


def _refusal(who: Caller | None) -> int:
    """No live updates for this caller; 1011 when the configured LiveUpdates has no sockets."""
    if who is None:
        return UNAUTHENTICATED
    return FORBIDDEN if who.is_app else UNAVAILABLE
