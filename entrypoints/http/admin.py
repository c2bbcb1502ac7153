"""Operators' routes: users, quarantined readings, apps and API keys. Owners get 403."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import attrs

from application.use_cases.issue_api_key import IssueApiKeyCommand
from application.use_cases.list_quarantine import ListQuarantineQuery
from application.use_cases.list_users import ListUsersQuery
from application.use_cases.register_app import RegisterAppCommand
from application.use_cases.revoke_api_key import RevokeApiKeyCommand
from domain.clockwork import format_instant, instant_key
from domain.quarantine import QuarantinedReading
from entrypoints.http.auth import caller
from entrypoints.http.bodies import json_body
from entrypoints.http.messages import HttpRequest, HttpResponse, json_response, no_content
from entrypoints.http.pages import page_response

if TYPE_CHECKING:
    from entrypoints.wiring import Container


@attrs.frozen
class AppBody:
    name: str


@attrs.frozen
class ApiKeyBody:
    purpose: str
    name: str


def quarantined_view(entry: QuarantinedReading) -> dict[str, object]:
    return {
        "id": entry.id,
        "tracker": entry.tracker,
        "payload": json.loads(entry.payload),
        "reason": entry.reason,
        "field": entry.field,
        "received_at": format_instant(entry.received_at),
        "expires_at": format_instant(entry.expires_at),
    }


def list_users(container: Container, request: HttpRequest) -> HttpResponse:
    who = caller(container, request)
    users = container.list_users()(ListUsersQuery(who))
    return page_response(
        container, request, who, "users", users, lambda u: (u.name, u.id), attrs.asdict
    )


def list_quarantine(container: Container, request: HttpRequest) -> HttpResponse:
    who, tracker = caller(container, request), request.query.get("tracker")
    entries = container.list_quarantine()(ListQuarantineQuery(who, tracker))
    scope = "quarantine" if tracker is None else f"quarantine:{tracker}"
    return page_response(
        container, request, who, "readings", entries, _received, quarantined_view, scope
    )


def _received(entry: QuarantinedReading) -> tuple[str, str]:
    return instant_key(entry.received_at), entry.id


def register_app(container: Container, request: HttpRequest) -> HttpResponse:
    who = caller(container, request)
    app = container.register_app()(RegisterAppCommand(who, json_body(request, AppBody).name))
    return json_response({"id": app.id, "name": app.name}, 201)


def issue_api_key(container: Container, request: HttpRequest) -> HttpResponse:
    who = caller(container, request)
    body = json_body(request, ApiKeyBody)
    issued = container.issue_api_key()(IssueApiKeyCommand(who, body.purpose, body.name))
    key = issued.key
    view = {
        "prefix": key.prefix,
        "key": issued.plaintext,
        "purpose": key.purpose.value,
        "name": key.name,
    }
    return json_response(view, 201)


def revoke_api_key(container: Container, request: HttpRequest) -> HttpResponse:
    command = RevokeApiKeyCommand(caller(container, request), request.path_params["prefix"])
    container.revoke_api_key()(command)
    return no_content()
