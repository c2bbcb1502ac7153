"""Web PubSub's negotiate endpoint: an owner, and only an owner, learns where to connect."""

from __future__ import annotations

import json
from collections.abc import Collection

import azure.functions as func
import pytest

from application.ports.live import LiveClient, LiveConnections
from entrypoints.azure_functions.live import negotiate
from entrypoints.wiring import Container

from .conftest import provide, token_for

URL = "wss://pawtrack-dev.webpubsub.azure.com/client/hubs/live?access_token="


class Access(LiveConnections):
    """Client URLs as the Web PubSub service client makes them, one per owner asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def attach(self, owner_id: str, client: LiveClient | None) -> str | None:
        self.asked.append(owner_id)
        return f"{URL}{owner_id}-token"

    def detach(self, client_id: str) -> None:
        raise AssertionError("Web PubSub drops its connections itself")

    def listening(self, owner_ids: Collection[str]) -> set[str]:
        return set(owner_ids) & set(self.asked)


@pytest.fixture
def access(container: Container) -> Access:
    kept = Access()
    provide(container, "live_connections", kept)
    return kept


def negotiating(token: str | None) -> func.HttpResponse:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    request = func.HttpRequest(
        "GET", "https://pawtrack-dev.azurewebsites.net/live/negotiate", headers=headers, body=b""
    )
    return negotiate(request)


def test_an_owner_gets_the_url_of_their_own_user(container: Container, access: Access) -> None:
    answer = negotiating(token_for(container, "alice"))
    assert answer.status_code == 200
    assert json.loads(answer.get_body()) == {"url": f"{URL}alice-token"}
    assert access.asked == ["alice"]


@pytest.mark.parametrize("token", [None, "forged.token.value"])
def test_without_a_valid_token_it_is_401(
    container: Container, access: Access, token: str | None
) -> None:
    answer = negotiating(token)
    assert answer.status_code == 401
    assert answer.headers["content-type"] == "application/problem+json"
    assert access.asked == []


def test_an_app_acting_for_an_owner_is_403(container: Container, access: Access) -> None:
    answer = negotiating(token_for(container, "alice", app="fitbuddy"))
    assert answer.status_code == 403
    assert access.asked == []
