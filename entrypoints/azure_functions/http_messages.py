"""Azure's HTTP request and response to and from the neutral ones every route handler speaks."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import azure.functions as func

from entrypoints.http.messages import HttpRequest, HttpResponse


def neutral_request(request: func.HttpRequest) -> HttpRequest:
    """Path decoded (as Starlette and API Gateway's payload 2.0 give it); header names lower-cased
    by HttpRequest; of a repeated query parameter the host keeps one value, as the others do."""
    return HttpRequest(
        method=request.method.upper(),
        path=unquote(urlsplit(request.url).path),
        path_params=dict(request.route_params),
        query=dict(request.params),
        headers=dict(request.headers),
        body=request.get_body() or b"",
    )


def azure_response(response: HttpResponse) -> func.HttpResponse:
    """The body goes as bytes: the host passes text and binary alike, no base64 needed."""
    return func.HttpResponse(
        body=response.body, status_code=response.status, headers=dict(response.headers)
    )
