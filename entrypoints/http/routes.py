"""The route table, and `dispatch`: the one door every binding goes through.

Templates (`/pets/{pet_id}`) read the same to Starlette, to API Gateway's
`routeKey` ("GET /pets/{pet_id}") and to Azure Functions' route templates, so a
binding lets its platform match the route and passes the key on.

A route names its handler ("pets:get_pet", in entrypoints.http) and imports it on first
use: a cold function imports the handlers of the routes it serves, not all of them (the
OpenAPI document and its YAML parser, the administrators' handlers, the body converters).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING

import attrs

from application.use_cases.observe import RequestServed
from entrypoints.http.limits import rate_limit_headers, taken
from entrypoints.http.messages import MAX_BODY_BYTES, HttpRequest, HttpResponse
from entrypoints.http.problems import HttpProblem, problem_response, response_for

if TYPE_CHECKING:
    from entrypoints.wiring import Container

Handler = Callable[["Container", HttpRequest], HttpResponse]


@attrs.frozen
class Route:
    method: str
    template: str
    handler_name: str  # "module:function" in entrypoints.http

    @property
    def key(self) -> str:
        return f"{self.method} {self.template}"

    @property
    def handler(self) -> Handler:
        return _handler(self.handler_name)


@cache
def _handler(name: str) -> Handler:
    module, _, function = name.partition(":")
    found: Handler = getattr(import_module(f"entrypoints.http.{module}"), function)
    return found


ROUTES: tuple[Route, ...] = (
    Route("GET", "/me", "profile:get_me"),
    Route("PUT", "/me", "profile:put_me"),
    Route("DELETE", "/me", "profile:delete_me"),
    Route("POST", "/pets", "pets:register_pet"),
    Route("GET", "/pets", "pets:list_pets"),
    Route("GET", "/pets/{pet_id}", "pets:get_pet"),
    Route("PATCH", "/pets/{pet_id}", "pets:change_pet"),
    Route("POST", "/pets/{pet_id}/weights", "pets:record_weight"),
    Route("PUT", "/pets/{pet_id}/tracker", "trackers:pair_tracker"),
    Route("DELETE", "/pets/{pet_id}", "pets:remove_pet"),
    Route("DELETE", "/pets/{pet_id}/tracker", "trackers:unpair_tracker"),
    Route("GET", "/pets/{pet_id}/activity", "series:daily_series"),
    Route("GET", "/pets/{pet_id}/activity/{day}/hours", "series:hourly_series"),
    Route("GET", "/pets/{pet_id}/whereabouts", "whereabouts:whereabouts"),
    Route("PUT", "/pets/{pet_id}/safe-zone", "whereabouts:put_safe_zone"),
    Route("DELETE", "/pets/{pet_id}/safe-zone", "whereabouts:delete_safe_zone"),
    Route("GET", "/pets/{pet_id}/activity/{day}", "activity:daily_activity"),
    Route("GET", "/pets/{pet_id}/locations/{day}", "activity:location_history"),
    Route("GET", "/pets/{pet_id}/recommendations", "activity:recommendations"),
    Route("POST", "/pets/{pet_id}/photo", "photos:photo_upload"),
    Route("GET", "/pets/{pet_id}/photo", "photos:photo_download"),
    Route("GET", "/trackers/{serial}", "trackers:get_tracker"),
    Route("POST", "/trackers/{serial}/bundles", "bundles:start_upload"),
    Route("GET", "/bundles/{bundle_id}", "bundles:get_bundle"),
    Route("POST", "/phones", "phones:register_phone"),
    Route("DELETE", "/phones/{name}", "phones:remove_phone"),
    Route("POST", "/me/export", "exports:request_export"),
    Route("GET", "/me/export/{export_id}", "exports:get_export"),
    Route("GET", "/grants", "grants:list_grants"),
    Route("PUT", "/grants/{app_id}", "grants:grant"),
    Route("DELETE", "/grants/{app_id}", "grants:revoke"),
    Route("GET", "/articles/{article_id}", "content:get_article"),
    Route("POST", "/webhooks/contentful", "content:contentful_webhook"),
    Route("POST", "/ingest/readings", "ingest:record_readings"),
    Route("GET", "/users", "admin:list_users"),
    Route("GET", "/quarantine", "admin:list_quarantine"),
    Route("POST", "/apps", "admin:register_app"),
    Route("POST", "/api-keys", "admin:issue_api_key"),
    Route("DELETE", "/api-keys/{prefix}", "admin:revoke_api_key"),
    Route("POST", "/app-requests", "app_platform:request_app"),
    Route("GET", "/app-requests/{request_id}", "app_platform:get_app_request"),
    Route("POST", "/app-requests/{request_id}/decision", "app_platform:decide_app"),
    Route("PUT", "/subscription", "app_platform:subscribe"),
    Route("DELETE", "/subscription", "app_platform:unsubscribe"),
    Route("GET", "/webhooks/failed", "app_platform:failed_webhooks"),
    Route("POST", "/webhooks/failed/{message_id}/replay", "app_platform:replay_webhook"),
    Route("GET", "/oauth/authorize", "oauth:authorize"),
    Route("GET", "/oauth/signin", "oauth:sign_in_form"),
    Route("POST", "/oauth/signin", "oauth:sign_in"),
    Route("GET", "/oauth/login", "oauth:login"),
    Route("POST", "/oauth/consent", "oauth:consent"),
    Route("POST", "/oauth/token", "oauth:token"),
    Route("POST", "/oauth/revoke", "oauth:revoke"),
    Route("GET", "/openapi.json", "docs:openapi_json"),
    Route("GET", "/docs", "docs:docs_page"),
)
ROUTES_BY_KEY = {route.key: route for route in ROUTES}


def dispatch(
    container: Container, route: str | tuple[str, str], request: HttpRequest
) -> HttpResponse:
    """Run the route's handler (`route`: "GET /pets/{pet_id}" or ("GET", "/pets/{pet_id}")).

    Never raises: every error becomes a problem response. Each request is told in one
    `request-served` line (route, status, duration) on every binding.
    """
    key = route if isinstance(route, str) else " ".join(route)
    started = time.perf_counter()
    try:
        if len(request.body) > MAX_BODY_BYTES:
            raise HttpProblem(413, f"a request body holds at most {MAX_BODY_BYTES} bytes")
        response = ROUTES_BY_KEY[key].handler(container, request)
    except Exception as error:
        response = response_for(error)
    allowance = taken()
    if allowance is not None and response.status != 429:
        limits = rate_limit_headers(allowance.limit, allowance.remaining, allowance.reset_seconds)
        response = attrs.evolve(response, headers={**response.headers, **limits})
    elapsed_ms = (time.perf_counter() - started) * 1000
    container.observe()(RequestServed(key, response.status, elapsed_ms))
    return response


def route_and_dispatch(container: Container, request: HttpRequest) -> HttpResponse:
    """For a platform that does not match routes itself: match, then dispatch; 404 or 405 if none."""
    found = match(request.method, request.path)
    if found is None:
        return unrouted(request.path)
    route, params = found
    return dispatch(container, route.key, attrs.evolve(request, path_params=params))


def unrouted(path: str) -> HttpResponse:
    """404 for a path no route has; 405 naming the allowed methods for one that has others."""
    allowed = allowed_methods(path)
    if not allowed:
        return problem_response(404, f"there is nothing at {path}")
    methods = ", ".join(allowed)
    return problem_response(405, f"{path} allows {methods}", {"allow": methods})


def allowed_methods(path: str) -> list[str]:
    return [route.method for route in ROUTES if _pattern(route.template).fullmatch(path)]


def match(method: str, path: str) -> tuple[Route, dict[str, str]] | None:
    for route in ROUTES:
        found = _pattern(route.template).fullmatch(path)
        if found is not None and route.method == method.upper():
            return route, found.groupdict()
    return None


@cache
def _pattern(template: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template)))
