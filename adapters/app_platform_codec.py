"""The app platform's records as JSON documents, the same in every store (SQLite, DynamoDB,
Tables): registration requests, pending authorizations, codes, tokens, connections,
subscriptions and webhook messages. Instants are ISO 8601 text in UTC."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from adapters.scopes_codec import scope_values, scopes_of
from application.messages.jobs import message_fields
from application.ports.apps import IssuedCode, IssuedToken, PendingAuthorization
from domain.apps import AppRequest, Connection, RequestState, Subscription, WebhookMessage


def _instant(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _when(value: str) -> datetime:
    return datetime.fromisoformat(value)


def request_doc(request: AppRequest) -> str:
    return json.dumps(
        {
            "id": request.id,
            "name": request.name,
            "redirect_uris": list(request.redirect_uris),
            "contact": request.contact,
            "requests_per_minute": request.requests_per_minute,
            "requested_at": request.requested_at.isoformat(),
            "state": request.state.value,
            "app_id": request.app_id,
            "secret_digest": request.secret_digest,
        }
    )


def request_of(doc: str) -> AppRequest:
    d = json.loads(doc)
    return AppRequest(
        d["id"],
        d["name"],
        tuple(d["redirect_uris"]),
        d["contact"],
        int(d["requests_per_minute"]),
        _when(d["requested_at"]),
        RequestState(d["state"]),
        d["app_id"],
        d["secret_digest"],
    )


def pending_doc(pending: PendingAuthorization) -> str:
    return json.dumps(
        {
            "id": pending.id,
            "client_id": pending.client_id,
            "params": dict(pending.params),
            "expires": pending.expires.isoformat(),
            "owner_id": pending.owner_id,
            "consent_token": pending.consent_token,
        }
    )


def pending_of(doc: str) -> PendingAuthorization:
    d = json.loads(doc)
    return PendingAuthorization(
        d["id"], d["client_id"], d["params"], _when(d["expires"]), d["owner_id"], d["consent_token"]
    )


def code_doc(code: IssuedCode) -> str:
    return json.dumps(
        {
            "digest": code.digest,
            "client_id": code.client_id,
            "owner_id": code.owner_id,
            "redirect_uri": code.redirect_uri,
            "scopes": scope_values(code.scopes),
            "code_challenge": code.code_challenge,
            "generation": code.generation,
            "expires": code.expires.isoformat(),
        }
    )


def code_of(doc: str) -> IssuedCode:
    d = json.loads(doc)
    return IssuedCode(
        d["digest"],
        d["client_id"],
        d["owner_id"],
        d["redirect_uri"],
        scopes_of(d["scopes"]),
        d["code_challenge"],
        d["generation"],
        _when(d["expires"]),
    )


def token_doc(token: IssuedToken) -> str:
    return json.dumps(
        {
            "digest": token.digest,
            "kind": token.kind,
            "client_id": token.client_id,
            "owner_id": token.owner_id,
            "scopes": scope_values(token.scopes),
            "generation": token.generation,
            "expires": token.expires.isoformat(),
        }
    )


def token_of(doc: str) -> IssuedToken:
    d = json.loads(doc)
    return IssuedToken(
        d["digest"],
        d["kind"],
        d["client_id"],
        d["owner_id"],
        scopes_of(d["scopes"]),
        d["generation"],
        _when(d["expires"]),
    )


def connection_doc(connection: Connection) -> str:
    return json.dumps(
        {
            "owner_id": connection.owner_id,
            "app_id": connection.app_id,
            "connected_at": connection.connected_at.isoformat(),
            "generation": connection.generation,
            "last_read": _instant(connection.last_read),
            "tokens": list(connection.tokens),
        }
    )


def connection_of(doc: str) -> Connection:
    d = json.loads(doc)
    return Connection(
        d["owner_id"],
        d["app_id"],
        _when(d["connected_at"]),
        d["generation"],
        _parse(d["last_read"]),
        tuple(d.get("tokens", ())),
    )


def subscription_doc(subscription: Subscription) -> str:
    return json.dumps(
        {
            "app_id": subscription.app_id,
            "url": subscription.url,
            "created_at": subscription.created_at.isoformat(),
        }
    )


def subscription_of(doc: str) -> Subscription:
    d = json.loads(doc)
    return Subscription(d["app_id"], d["url"], _when(d["created_at"]))


def message_doc(message: WebhookMessage) -> str:
    return json.dumps(message_fields(message))


def message_of(doc: str | dict[str, Any]) -> WebhookMessage:
    d = json.loads(doc) if isinstance(doc, str) else doc
    data = d["data"]
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ValueError("a webhook message's data is an object of texts")
    return WebhookMessage(
        str(d["id"]),
        str(d["app_id"]),
        str(d["kind"]),
        data,
        _when(d["created_at"]),
        int(d["attempts"]),
        str(d["last_error"]),
    )


def day_text(day: date) -> str:
    return day.isoformat()
