"""`/live`: an owner's WebSocket that receives `activity-updated` as readings arrive.

The token comes as the `access_token` query parameter (browsers cannot set
headers on a WebSocket) or as an `Authorization: Bearer` header. A bad one
closes the socket with 4401, an app's token with 4403: live updates are the owner's.
When the owner deletes their account, the server closes their sockets with 4401.

Use cases run on worker threads and the socket lives on the server's event loop: the
LiveClient handed to OpenLiveUpdates schedules each send (and the hang-up) on that loop.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from starlette.concurrency import run_in_threadpool
from starlette.websockets import WebSocket

from application.ports.live import LiveClient
from application.use_cases.authenticate import AuthenticateQuery
from application.use_cases.close_live_updates import CloseLiveUpdatesCommand
from application.use_cases.open_live_updates import OpenLiveUpdatesCommand
from domain.access import Caller
from domain.errors import AccessDenied, Unauthenticated
from entrypoints.http.auth import bearer_token
from entrypoints.http.messages import HttpRequest

if TYPE_CHECKING:
    from entrypoints.wiring import Container

UNAUTHENTICATED, FORBIDDEN = 4401, 4403


def live_endpoint(container: Container) -> Callable[[WebSocket], Awaitable[None]]:
    async def endpoint(websocket: WebSocket) -> None:
        who = await _caller(container, websocket)
        await websocket.accept()  # a close code reaches the client only on an open socket
        if who is None:
            await websocket.close(UNAUTHENTICATED)
            return
        client = socket_client(websocket, asyncio.get_running_loop())
        try:
            # Attached before this task yields again: the client may send readings right away.
            container.open_live_updates()(OpenLiveUpdatesCommand(who, client))
        except AccessDenied:
            await websocket.close(FORBIDDEN)
            return
        try:
            while (await websocket.receive())["type"] != "websocket.disconnect":
                pass  # the client has nothing to say; reading only notices that it left
        finally:
            container.close_live_updates()(CloseLiveUpdatesCommand(client.id))

    return endpoint


class Socket(Protocol):
    """What a live client needs of Starlette's WebSocket."""

    async def send_json(self, data: Any) -> None: ...

    async def close(self, code: int = 1000, reason: str | None = None) -> None: ...


def socket_client(websocket: Socket, loop: asyncio.AbstractEventLoop) -> LiveClient:
    """The socket as a LiveClient: each send and the hang-up run on the socket's own loop."""

    def on_loop(work: Coroutine[Any, Any, None]) -> None:
        """Runs `work` on the socket's loop; RuntimeError when the loop has stopped (the
        server is gone), so the sender learns that the client is gone too."""
        try:
            asyncio.run_coroutine_threadsafe(work, loop)
        except RuntimeError:
            work.close()
            raise

    def deliver(payload: Mapping[str, object]) -> None:
        on_loop(websocket.send_json(dict(payload)))

    def hang_up() -> None:
        on_loop(websocket.close(UNAUTHENTICATED, "the account was deleted"))

    return LiveClient(uuid.uuid4().hex, deliver, hang_up)


async def _caller(container: Container, websocket: WebSocket) -> Caller | None:
    headers = dict(websocket.headers)
    token = websocket.query_params.get("access_token") or bearer_token(
        HttpRequest("GET", "/live", headers=headers)
    )
    try:
        return await run_in_threadpool(container.authenticate(), AuthenticateQuery(token))
    except Unauthenticated:
        return None
