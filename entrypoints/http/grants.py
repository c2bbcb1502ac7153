"""The apps an owner lets read their data, and what each may read."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from application.use_cases.grant_access import GrantAccessCommand
from application.use_cases.list_grants import ListGrantsQuery
from application.use_cases.revoke_access import RevokeAccessCommand
from domain.access import AppAccess
from domain.clockwork import format_instant
from entrypoints.http.auth import caller
from entrypoints.http.bodies import json_body
from entrypoints.http.messages import HttpRequest, HttpResponse, json_response, no_content
from entrypoints.http.pages import page_response

if TYPE_CHECKING:
    from entrypoints.wiring import Container


@attrs.frozen
class GrantBody:
    scopes: list[str]


def grant_view(access: AppAccess) -> dict[str, object]:
    scopes = sorted(scope.value for scope in access.grant.scopes)
    return {
        "app_id": access.app.id,
        "app_name": access.app.name,
        "scopes": scopes,
        "connected_at": _instant(access.connected_at),
        "last_read": _instant(access.last_read),
        "subscribed": access.subscribed,
    }


def _instant(value: datetime | None) -> str | None:
    return format_instant(value) if value is not None else None


def list_grants(container: Container, request: HttpRequest) -> HttpResponse:
    who = caller(container, request)
    found = container.list_grants()(ListGrantsQuery(who))
    return page_response(
        container, request, who, "grants", found, lambda a: (a.app.id,), grant_view
    )


def grant(container: Container, request: HttpRequest) -> HttpResponse:
    who, app_id = caller(container, request), request.path_params["app_id"]
    body = json_body(request, GrantBody)
    granted = container.grant_access()(GrantAccessCommand(who, app_id, body.scopes))
    return json_response(grant_view(granted))


def revoke(container: Container, request: HttpRequest) -> HttpResponse:
    command = RevokeAccessCommand(caller(container, request), request.path_params["app_id"])
    container.revoke_access()(command)
    return no_content()
