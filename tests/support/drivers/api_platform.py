"""The app platform's actions over the one HTTP API (any binding): a developer's request, an
administrator's decision, the OAuth flow through the sign-in and consent pages as a browser
and the app go through it, subscriptions to a loopback receiver."""

from __future__ import annotations

import abc
import base64
import json
import re
import secrets
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from tests.support.drivers.base import Refused
from tests.support.oauth_client import OAuthApp
from tests.support.webhook_receiver import WebhookReceiver

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
HIDDEN = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)">')


class ApiPlatformActions(abc.ABC):
    oauth: dict[str, OAuthApp]
    receivers: dict[str, WebhookReceiver]
    ids: dict[str, str]
    clock: Any

    # What the API driver supplies.
    @abc.abstractmethod
    def send(
        self, method: str, path: str, headers: dict[str, str], body: bytes, query: dict[str, str]
    ) -> Any: ...
    @abc.abstractmethod
    def call(
        self, method: str, path: str, user: str | None = None, *args: Any, **kwargs: Any
    ) -> Any: ...
    @abc.abstractmethod
    def settle(self) -> None: ...

    # What each binding supplies: the identity provider's sign-in, done as the owner.
    @abc.abstractmethod
    def sign_in_at_provider(self, owner: str, sign_in_url: str) -> str:
        """The URL the identity provider sends the signed-in owner back to (/oauth/login…)."""

    def approve_as_operator(self, name: str) -> None:
        self.decide_app("operator", name, approve=True)

    def now(self) -> datetime:
        return self.clock.now()  # type: ignore[no-any-return]

    def pet_id(self, pet: str) -> str:
        return self.ids[pet]

    def register_app(self, name: str, limit: int | None = None) -> None:
        self.request_app(name, f"https://{name.lower()}.example/callback", limit)
        self.approve_as_operator(name)
        self.app_request_state(name)

    def request_app(self, name: str, redirect_uri: str, limit: int | None = None) -> None:
        body: dict[str, object] = {
            "name": name,
            "redirect_uris": [redirect_uri],
            "contact": f"dev@{name.lower()}.example",
        }
        if limit is not None:
            body["requests_per_minute"] = limit
        answer = self.call("POST", "/app-requests", json_body=body)
        self.oauth[name] = OAuthApp(
            name, redirect_uri, answer["client_secret"], request_id=answer["id"]
        )

    def app_request_state(self, name: str) -> str:
        found = self.call("GET", f"/app-requests/{self.oauth[name].request_id}")
        if found["client_id"]:
            self.oauth[name].client_id = self.ids[name] = found["client_id"]
        return str(found["state"])

    def decide_app(self, admin: str, name: str, *, approve: bool) -> None:
        path = f"/app-requests/{self.oauth[name].request_id}/decision"
        self.call("POST", path, admin, json_body={"approve": approve})

    def oauth_token(self, user: str, app: str | None) -> str | None:
        client = self.oauth.get(app) if app else None
        return client.tokens.get(user) if client else None

    # The OAuth flow, as the owner's browser and the app make it.
    def _code(self, owner: str, app: OAuthApp, scopes: list[str]) -> str:
        answer = self.send("GET", "/oauth/authorize", {}, b"", app.authorization(scopes))
        assert answer.status == 302, answer
        login = urlsplit(self.sign_in_at_provider(owner, answer.headers["location"]))
        page = self.send("GET", login.path, {}, b"", _query(login.query))
        assert page.status == 200 and page.headers["content-type"].startswith("text/html"), page
        hidden = dict(HIDDEN.findall(page.body.decode()))
        form = [*hidden.items(), *(("scope", s) for s in scopes), ("decision", "allow")]
        answer = self.send("POST", "/oauth/consent", FORM, urlencode(form).encode(), {})
        assert answer.status == 302, answer
        self.last_connection = (owner, app.name, scopes)
        return app.code_from(answer.headers["location"])

    def _exchange(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        answer = self.send("POST", "/oauth/token", FORM, urlencode(form).encode(), {})
        return answer.status, json.loads(answer.body)

    def connect(self, owner: str, app: str, scopes: list[str]) -> None:
        client = self.oauth[app]
        status, token = self._exchange(client.exchange(self._code(owner, client, scopes)))
        assert status == 200, token
        client.tokens[owner] = token["access_token"]

    def exchange_last_code_again(self) -> str:
        client = self.oauth[self.last_connection[1]]
        return str(self._exchange(client.exchange(client.codes[-1]))[1].get("error", ""))

    def exchange_new_code_with_wrong_verifier(self) -> str:
        owner, app, scopes = self.last_connection
        client = self.oauth[app]
        form = client.exchange(self._code(owner, client, scopes), secrets.token_urlsafe(48))
        return str(self._exchange(form)[1].get("error", ""))

    # Subscriptions
    def subscribe(self, app: str) -> None:
        client, receiver = self.oauth[app], WebhookReceiver()
        self.receivers[app] = receiver
        basic = base64.b64encode(f"{client.client_id}:{client.client_secret}".encode()).decode()
        answer = self.call(
            "PUT",
            "/subscription",
            headers={"Authorization": f"Basic {basic}"},
            json_body={"url": receiver.url},
        )
        receiver.secret = answer["secret"]

    def app_messages(self, app: str, expected: int) -> list[dict[str, Any]]:
        self.settle()
        receiver = self.receivers.get(app)
        return receiver.messages() if receiver else []

    def app_messages_signed(self, app: str) -> bool:
        return self.receivers[app].all_signed()

    def close_receivers(self) -> None:
        for receiver in self.receivers.values():
            receiver.close()


def _query(text: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(text).items()}


def too_many(status: int, headers: dict[str, str], body: bytes) -> Refused:
    return Refused("too-many", body.decode(), int(headers["retry-after"]))
