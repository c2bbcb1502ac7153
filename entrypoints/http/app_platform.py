"""Developers' requests to register apps, administrators' decisions, apps' subscriptions and
the failed messages administrators replay."""

from __future__ import annotations

import base64
import binascii
from typing import TYPE_CHECKING

import attrs

from application.use_cases.decide_app import DecideAppCommand, GetAppRequestQuery
from application.use_cases.deliver_webhook import ReplayWebhookCommand
from application.use_cases.request_app import RequestAppCommand
from application.use_cases.subscribe_app import AppCredentials, SubscribeCommand
from domain.apps import AppRequest, WebhookMessage
from domain.clockwork import format_instant
from entrypoints.http.auth import caller
from entrypoints.http.bodies import json_body
from entrypoints.http.messages import HttpRequest, HttpResponse, json_response, no_content
from entrypoints.http.problems import HttpProblem

if TYPE_CHECKING:
    from entrypoints.wiring import Container


@attrs.frozen
class AppRequestBody:
    name: str
    redirect_uris: list[str]
    contact: str
    requests_per_minute: int | None = None


@attrs.frozen
class DecisionBody:
    approve: bool


@attrs.frozen
class SubscriptionBody:
    url: str


def request_view(request: AppRequest) -> dict[str, object]:
    return {
        "id": request.id,
        "name": request.name,
        "state": request.state.value,
        "client_id": request.app_id,
        "redirect_uris": list(request.redirect_uris),
        "requests_per_minute": request.requests_per_minute,
        "requested_at": format_instant(request.requested_at),
        "decide_by": format_instant(request.deadline),
    }


def request_app(container: Container, request: HttpRequest) -> HttpResponse:
    """No token: a developer has no account. The answer holds the client secret, once."""
    body = json_body(request, AppRequestBody)
    command = RequestAppCommand(
        body.name, body.redirect_uris, body.contact, body.requests_per_minute
    )
    requested = container.request_app()(command)
    view = {**request_view(requested.request), "client_secret": requested.client_secret}
    return json_response(view, 201)


def get_app_request(container: Container, request: HttpRequest) -> HttpResponse:
    query = GetAppRequestQuery(request.path_params["request_id"])
    return json_response(request_view(container.get_app_request()(query)))


def decide_app(container: Container, request: HttpRequest) -> HttpResponse:
    who, body = caller(container, request), json_body(request, DecisionBody)
    command = DecideAppCommand(who, request.path_params["request_id"], body.approve)
    return json_response(request_view(container.decide_app()(command)))


def app_credentials(request: HttpRequest) -> AppCredentials:
    """The app's client id and secret, in HTTP Basic (RFC 6749 §2.3.1)."""
    scheme, _, encoded = request.headers.get("authorization", "").partition(" ")
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        decoded = ""
    client_id, colon, secret = decoded.partition(":")
    if scheme.lower() != "basic" or not colon:
        raise HttpProblem(401, "authenticate the app with HTTP Basic: client id and secret")
    return AppCredentials(client_id, secret)


def subscribe(container: Container, request: HttpRequest) -> HttpResponse:
    credentials, body = app_credentials(request), json_body(request, SubscriptionBody)
    subscribed = container.subscribe_app()(SubscribeCommand(credentials, body.url))
    view = {"url": subscribed.subscription.url, "secret": subscribed.secret}
    return json_response(view, 201)


def unsubscribe(container: Container, request: HttpRequest) -> HttpResponse:
    container.unsubscribe_app()(app_credentials(request))
    return no_content()


def message_view(message: WebhookMessage) -> dict[str, object]:
    return {
        "id": message.id,
        "app_id": message.app_id,
        "type": message.kind,
        "data": message.data,
        "created_at": format_instant(message.created_at),
        "attempts": message.attempts,
        "last_error": message.last_error,
    }


def failed_webhooks(container: Container, request: HttpRequest) -> HttpResponse:
    found = container.list_failed_webhooks()(caller(container, request))
    return json_response({"messages": [message_view(m) for m in found]})


def replay_webhook(container: Container, request: HttpRequest) -> HttpResponse:
    command = ReplayWebhookCommand(caller(container, request), request.path_params["message_id"])
    container.replay_webhook()(command)
    return HttpResponse(202)
