"""API Gateway's WebSocket API: owners' live-update sockets, refused for anyone else."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import pytest

from application.ports.live import LiveClient, LiveConnections
from entrypoints.aws_lambda.websocket import connect, default, disconnect
from entrypoints.wiring import Container

from .conftest import provide, sample, token_for

CONNECTION = "BqY1aeW8FiACHmQ="


class KeptConnections(LiveConnections):
    """The live connections as the handlers see them: connection id → owner."""

    def __init__(self) -> None:
        self.owners: dict[str, str] = {}

    def attach(self, owner_id: str, client: LiveClient | None) -> str | None:
        assert client is not None, "API Gateway's connection is attached by its id"
        self.owners[client.id] = owner_id
        return None

    def detach(self, client_id: str) -> None:
        self.owners.pop(client_id, None)

    def of_owner(self, owner_id: str) -> list[str]:
        return [c for c, owner in self.owners.items() if owner == owner_id]

    def listening(self, owner_ids: Collection[str]) -> set[str]:
        return set(owner_ids) & set(self.owners.values())


@pytest.fixture
def connections(container: Container) -> KeptConnections:
    kept = KeptConnections()
    provide(container, "live_connections", kept)
    return kept


def connecting(token: str | None, *, in_header: bool = False) -> dict[str, Any]:
    event = sample("websocket_connect")
    event["queryStringParameters"] = None if in_header or token is None else {"access_token": token}
    event["multiValueQueryStringParameters"] = None
    if in_header:
        event["headers"]["Authorization"] = f"Bearer {token}"
    return event


def test_an_owner_connects_with_the_token_in_the_query(
    container: Container, connections: KeptConnections
) -> None:
    answer = connect(connecting(token_for(container, "alice")), None)
    assert answer == {"statusCode": 200}
    assert connections.of_owner("alice") == [CONNECTION]


def test_an_owner_connects_with_the_token_in_a_bearer_header(
    container: Container, connections: KeptConnections
) -> None:
    assert (
        connect(connecting(token_for(container, "alice"), in_header=True), None)["statusCode"]
        == 200
    )
    assert connections.of_owner("alice") == [CONNECTION]


REFUSED = {
    "no token": lambda container: None,
    "forged token": lambda container: sample("websocket_connect")["queryStringParameters"][
        "access_token"
    ],
    "tampered token": lambda container: token_for(container, "alice")[:-6] + "AAAAAA",
}


@pytest.mark.parametrize("make", REFUSED.values(), ids=REFUSED.keys())
def test_a_missing_or_bad_token_is_refused_with_401(
    container: Container, connections: KeptConnections, make: Any
) -> None:
    assert connect(connecting(make(container)), None) == {"statusCode": 401}
    assert connections.owners == {}


def test_an_apps_token_is_refused_with_403(
    container: Container, connections: KeptConnections
) -> None:
    app_token = token_for(container, "alice", app="fitness-app")
    assert connect(connecting(app_token), None) == {"statusCode": 403}
    assert connections.owners == {}


def test_disconnecting_forgets_the_connection(
    container: Container, connections: KeptConnections
) -> None:
    connect(connecting(token_for(container, "alice")), None)
    assert disconnect(sample("websocket_disconnect"), None) == {"statusCode": 200}
    assert connections.of_owner("alice") == []


def test_what_a_client_sends_is_answered_and_ignored(
    container: Container, connections: KeptConnections
) -> None:
    connect(connecting(token_for(container, "alice")), None)
    assert default(sample("websocket_default"), None) == {"statusCode": 200}
    assert connections.of_owner("alice") == [CONNECTION]
