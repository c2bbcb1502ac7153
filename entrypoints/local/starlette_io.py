"""Between Starlette's request and response and the neutral ones of entrypoints.http."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from entrypoints.http.messages import HttpRequest, HttpResponse


async def limited_body(request: Request, limit: int) -> bytes:
    """At most `limit` + 1 bytes: enough to tell that a body is too large without holding it all."""
    chunks, size = [], 0
    async for chunk in request.stream():
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            break
    return b"".join(chunks)[: limit + 1]


def neutral_request(request: Request, body: bytes) -> HttpRequest:
    return HttpRequest(
        method=request.method,
        path=request.url.path,
        path_params={name: str(value) for name, value in request.path_params.items()},
        query=dict(request.query_params),
        headers=dict(request.headers),
        body=body,
    )


def starlette_response(response: HttpResponse) -> Response:
    return Response(response.body, status_code=response.status, headers=dict(response.headers))
