"""The local server's ASGI app: one Starlette route per route of the shared table, plus
what only a laptop needs (blob links, the issuer's JWKS, live updates over WebSocket, the
metrics in the Prometheus text format at `/metrics`).

Each request runs in a trace (application/tracing.py): the caller's `X-Correlation-Id` if it
sent a well-formed one, else a new id; its request id is made here, as a cloud makes its own."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route, WebSocketRoute

from application import tracing
from application.use_cases.blob_links import DownloadThroughLinkQuery, UploadThroughLinkCommand
from domain.bundles import MAX_BUNDLE_BYTES
from entrypoints.http.messages import MAX_BODY_BYTES, HttpRequest, HttpResponse
from entrypoints.http.problems import HttpProblem, problem_response, response_for
from entrypoints.http.routes import ROUTES, allowed_methods, dispatch, unrouted
from entrypoints.http.routes import Route as TableRoute
from entrypoints.local.console import console_routes
from entrypoints.local.live import live_endpoint
from entrypoints.local.starlette_io import limited_body, neutral_request, starlette_response

if TYPE_CHECKING:
    from entrypoints.wiring import Container

Endpoint = Callable[[Request], Awaitable[Response]]
log = logging.getLogger(__name__)


def create_app(container: Container) -> Starlette:
    routes: list[BaseRoute] = [_api_route(container, route) for route in ROUTES]
    routes += [
        Route("/blobs/{key:path}", _put_blob(container), methods=["PUT"]),
        Route("/blobs/{key:path}", _get_blob(container), methods=["GET"]),
        Route("/.well-known/jwks.json", _jwks(container), methods=["GET"]),
        Route("/metrics", _metrics(container), methods=["GET"]),
        WebSocketRoute("/live", live_endpoint(container)),
        Route("/live", _upgrade_required, methods=["GET"]),
        *console_routes(container),
    ]
    return Starlette(
        routes=routes,
        exception_handlers={HTTPException: _unrouted},
        lifespan=_timer(container),
    )


TIMER_TICK_SECONDS = 15


def _timer(container: Container) -> Callable[[Starlette], Any]:
    """The laptop's timers (the clouds' Step Functions and Durable timers, and their queues'
    delays): at start and every 15 seconds, requests whose 7 days passed without a decision are
    refused, and delayed jobs whose time has come (webhook retries) are run."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async def tick() -> None:
            while True:
                # A failed job is told by the use case; a failed tick (a busy database, say)
                # is one log line, and the next tick tries again.
                for name, use_case in (
                    ("expire_app_requests", container.expire_app_requests),
                    ("run_due_jobs", container.run_due_jobs),
                ):
                    try:
                        await run_in_threadpool(use_case())
                    except Exception as error:  # noqa: BLE001 (logged; the next tick retries)
                        log.warning(
                            "timer: %s failed (%s); next try in %d s",
                            name,
                            type(error).__name__,
                            TIMER_TICK_SECONDS,
                        )
                await asyncio.sleep(TIMER_TICK_SECONDS)

        ticking = asyncio.create_task(tick())
        try:
            yield
        finally:
            ticking.cancel()

    return lifespan


def _api_route(container: Container, route: TableRoute) -> Route:
    async def endpoint(request: Request) -> Response:
        body = await limited_body(request, MAX_BODY_BYTES)
        neutral = neutral_request(request, body)
        # Use cases are synchronous: they run on a worker thread, never on the event loop.
        response = await run_in_threadpool(_traced_dispatch, container, route.key, neutral)
        return starlette_response(response)

    return Route(route.template, endpoint, methods=[route.method], name=route.key)


def _traced_dispatch(container: Container, key: str, request: HttpRequest) -> HttpResponse:
    correlation_id = request.headers.get("x-correlation-id")
    with tracing.traced(correlation_id, request_id=uuid.uuid4().hex):
        return dispatch(container, key, request)


def _metrics(container: Container) -> Endpoint:
    async def endpoint(request: Request) -> Response:
        content_type, body = container.read_metrics()()
        return Response(body, headers={"content-type": content_type})

    return endpoint


def _put_blob(container: Container) -> Endpoint:
    """A PUT to an upload link: S3's and Blob Storage's part, played by the local server."""

    async def endpoint(request: Request) -> Response:
        data = await limited_body(request, MAX_BUNDLE_BYTES)
        link, content_type = dict(request.query_params), request.headers.get("content-type", "")
        command = UploadThroughLinkCommand(request.path_params["key"], link, data, content_type)
        return await _off_loop(_stored, container, command)

    return endpoint


def _get_blob(container: Container) -> Endpoint:
    async def endpoint(request: Request) -> Response:
        query = DownloadThroughLinkQuery(request.path_params["key"], dict(request.query_params))
        return await _off_loop(_fetched, container, query)

    return endpoint


def _stored(container: Container, command: UploadThroughLinkCommand) -> HttpResponse:
    if len(command.data) > MAX_BUNDLE_BYTES:
        raise HttpProblem(413, f"an object holds at most {MAX_BUNDLE_BYTES} bytes")
    container.upload_through_link()(command)
    return HttpResponse(200)


def _fetched(container: Container, query: DownloadThroughLinkQuery) -> HttpResponse:
    data = container.download_through_link()(query)
    if data is None:
        raise HttpProblem(404, "there is no object under this key")
    return HttpResponse(200, {"content-type": "application/octet-stream"}, data)


async def _off_loop(call: Callable[..., HttpResponse], *args: object) -> Response:
    """Storing an object may process a bundle at once (the blob-created hook): a worker's job."""

    def guarded() -> HttpResponse:
        with tracing.traced(request_id=uuid.uuid4().hex):  # an upload starts a chain
            try:
                return call(*args)
            except Exception as error:
                return response_for(error)

    return starlette_response(await run_in_threadpool(guarded))


def _jwks(container: Container) -> Endpoint:
    async def endpoint(request: Request) -> Response:
        return JSONResponse(container.get_signing_keys()())

    return endpoint


async def _upgrade_required(request: Request) -> Response:
    """/live speaks WebSocket only: a plain GET is told how to open it (RFC 9110, 426)."""
    url = request.url.replace(scheme="wss" if request.url.scheme == "https" else "ws", query="")
    detail = f"/live is a WebSocket: open {url}?access_token=<token>"
    headers = {"upgrade": "websocket", "connection": "Upgrade"}
    return starlette_response(problem_response(426, detail, headers))


async def _unrouted(request: Request, error: Exception) -> Response:
    """Starlette's own 404 and 405 speak problem+json, and name every method the table allows."""
    assert isinstance(error, HTTPException)
    if error.status_code == 404 or allowed_methods(request.url.path):
        return starlette_response(unrouted(request.url.path))
    detail = f"{HTTPStatus(error.status_code).phrase}: {request.method} {request.url.path}"
    headers = {name.lower(): value for name, value in (error.headers or {}).items()}
    return starlette_response(problem_response(error.status_code, detail, headers))
