"""The neutral request and response that every binding translates to and from."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from entrypoints.http.jsonio import encode_json

MAX_BODY_BYTES = 1024 * 1024  # the most a request body may hold (413 beyond)


def _lower_names(headers: Mapping[str, str]) -> dict[str, str]:
    """Header names are case-insensitive; lower-casing once lets handlers look them up plainly."""
    return {name.lower(): value for name, value in headers.items()}


@attrs.frozen
class HttpRequest:
    method: str
    path: str
    path_params: Mapping[str, str] = attrs.field(factory=dict)
    query: Mapping[str, str] = attrs.field(factory=dict)
    headers: Mapping[str, str] = attrs.field(factory=dict, converter=_lower_names)
    body: bytes = b""


@attrs.frozen
class HttpResponse:
    status: int
    headers: Mapping[str, str] = attrs.field(factory=dict)
    body: bytes = b""


def json_response(data: object, status: int = 200) -> HttpResponse:
    return HttpResponse(status, {"content-type": "application/json"}, encode_json(data))


def no_content() -> HttpResponse:
    return HttpResponse(204)
