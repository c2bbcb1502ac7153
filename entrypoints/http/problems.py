"""Domain errors and refused requests as RFC 9457 problems: the one place statuses are chosen."""

from __future__ import annotations

import logging
from http import HTTPStatus

from domain.errors import (
    AccessDenied,
    Conflict,
    DomainError,
    InvalidInput,
    NotFound,
    TooManyRequests,
    Unauthenticated,
)
from entrypoints.http.jsonio import encode_json
from entrypoints.http.limits import rate_limit_headers
from entrypoints.http.messages import HttpResponse

PROBLEM_TYPE = "application/problem+json"
PROBLEM_BASE = "https://pawtrack.example/problems/"
log = logging.getLogger(__name__)

STATUS_OF: tuple[tuple[type[DomainError], int], ...] = (
    (NotFound, 404),
    (AccessDenied, 403),
    (Unauthenticated, 401),
    (Conflict, 409),
    (InvalidInput, 422),
)


class HttpProblem(Exception):
    """A request the HTTP layer refuses before any use case sees it (400, 413, 415, ...)."""

    def __init__(self, status: int, detail: str, **members: object) -> None:
        super().__init__(detail)
        self.status, self.detail, self.members = status, detail, members


def problem_response(
    status: int, detail: str, headers: dict[str, str] | None = None, **members: object
) -> HttpResponse:
    phrase = HTTPStatus(status).phrase
    body = {
        "type": PROBLEM_BASE + phrase.lower().replace(" ", "-"),
        "title": phrase,
        "status": status,
        "detail": detail,
        **members,
    }
    return HttpResponse(
        status, {"content-type": PROBLEM_TYPE, **(headers or {})}, encode_json(body)
    )


def response_for(error: Exception) -> HttpResponse:
    """The problem a caller sees for any error; an unexpected one is logged, never shown."""
    if isinstance(error, HttpProblem):
        return problem_response(error.status, error.detail, None, **error.members)
    if isinstance(error, Unauthenticated):
        return problem_response(401, error.detail, {"www-authenticate": 'Bearer realm="pawtrack"'})
    if isinstance(error, TooManyRequests):
        headers = {
            "retry-after": str(error.retry_after),
            **rate_limit_headers(error.limit, 0, error.retry_after),
        }
        return problem_response(429, error.detail, headers, retry_after=error.retry_after)
    if isinstance(error, InvalidInput):
        return problem_response(422, error.detail, field=error.field)
    for kind, status in STATUS_OF:
        if isinstance(error, kind):
            return problem_response(status, error.detail)
    log.exception("unexpected error while handling a request", exc_info=error)
    return problem_response(500, "the request could not be handled; it has been logged")
