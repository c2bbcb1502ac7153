"""Live connections opened by hand with any token and any query, through each binding's own
live entrypoint: the local server's `/live` WebSocket, API Gateway's `$connect`/`$default`
Lambda handlers, and the Azure `live_negotiate` function followed by Web PubSub.

`open` answers a `Live` (None when the binding refused the connection, with the refusal in
`refusals`); `say` sends a client message; `heard` is what reached the connection.
"""

from __future__ import annotations

import json
import uuid
from typing import Any
from urllib.parse import urlencode

import attrs
import azure.functions as func
import jwt
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from entrypoints.aws_lambda import websocket
from tests.support.drivers import aws_events
from tests.support.drivers.api import ApiDriver
from tests.support.drivers.aws import AwsDriver
from tests.support.drivers.azure import HOST, AzureDriver, host_function
from tests.support.drivers.http import HttpDriver

HTTP_REFUSED = 4401  # the local server's close code for a bad token (401 elsewhere)


@attrs.define
class Live:
    name: str  # the driver's key for the connection (its `live`/`connections` maps)
    socket: ClientConnection | None = None  # the local server's
    url: str = ""  # Azure: the client URL negotiated


class LiveClient:
    def __init__(self, api: ApiDriver) -> None:
        self.api = api
        self.refusals: list[object] = []

    def open(self, token: str, query: dict[str, str] | None = None) -> Live | None:
        query, name = dict(query or {}), f"probe-{uuid.uuid4().hex[:8]}"
        if isinstance(self.api, HttpDriver):
            return self._open_http(name, token, query)
        if isinstance(self.api, AwsDriver):
            return self._open_aws(name, token, query)
        if isinstance(self.api, AzureDriver):
            return self._open_azure(name, token, query)
        raise TypeError(f"no live entrypoint for {type(self.api).__name__}")

    def _open_http(self, name: str, token: str, query: dict[str, str]) -> Live | None:
        assert isinstance(self.api, HttpDriver)
        base = self.api.server.base_url.replace("http://", "ws://")
        socket = self.api.resources.enter_context(
            connect(f"{base}/live?{urlencode({'access_token': token, **query})}", open_timeout=5)
        )
        try:  # the server accepts, then closes at once on a token it refuses
            socket.recv(timeout=0.3)
        except TimeoutError:
            self.api.live[name] = socket
            return Live(name, socket=socket)
        except ConnectionClosed as closed:
            self.refusals.append(closed.rcvd.code if closed.rcvd else None)
            return None
        raise AssertionError("the server spoke first on a live socket")

    def _open_aws(self, name: str, token: str, query: dict[str, str]) -> Live | None:
        assert isinstance(self.api, AwsDriver)
        connection_id = uuid.uuid4().hex[:12] + "="
        event = aws_events.websocket("$connect", connection_id)
        event["queryStringParameters"] = {"access_token": token, **query}
        answer = websocket.connect(event, None)
        if answer["statusCode"] != 200:
            self.refusals.append(answer["statusCode"])
            return None
        self.api.connections[name] = connection_id
        return Live(name)

    def _open_azure(self, name: str, token: str, query: dict[str, str]) -> Live | None:
        assert isinstance(self.api, AzureDriver)
        url = f"{HOST}/live/negotiate" + (f"?{urlencode(query)}" if query else "")
        headers = {"Authorization": f"Bearer {token}"}
        request = func.HttpRequest("GET", url, headers=headers, params=query, body=b"")
        answer = host_function("live_negotiate")(request)
        if answer.status_code != 200:
            self.refusals.append(answer.status_code)
            return None
        client_url = json.loads(answer.get_body())["url"]
        self.api.connections[name] = self.api.pubsub.connect_with(client_url)
        return Live(name, url=client_url)

    def registered(self, owner_id: str) -> int | None:
        """How many live connections the binding keeps for the owner (None: Azure keeps none,
        Web PubSub holds the groups)."""
        if isinstance(self.api, HttpDriver):
            return len(self.api.c.ports.live_connections().of_owner(owner_id))
        if isinstance(self.api, AwsDriver):
            return len(self.api.c.ports.live_connections().of_owner(owner_id))
        return None

    def say(self, live: Live, message: str) -> None:
        """A message from the client, as the binding receives one."""
        if live.socket is not None:
            live.socket.send(message)
        elif isinstance(self.api, AwsDriver):
            event = aws_events.websocket("$default", self.api.connections[live.name])
            answer = websocket.default({**event, "body": message}, None)
            assert answer["statusCode"] == 200, answer
        else:
            raise TypeError("Web PubSub delivers client messages to no function of ours")

    def heard(self, live: Live, expected: int) -> list[dict[str, object]]:
        return self.api.live_updates(live.name, expected)

    def pubsub_claims(self, live: Live) -> dict[str, Any]:
        """What Web PubSub lets the connection do: its token's claims (roles, groups, user)."""
        assert isinstance(self.api, AzureDriver)
        token = live.url.split("access_token=", 1)[1].split("&")[0]
        claims: dict[str, Any] = jwt.decode(
            token, self.api.pubsub.access_key, algorithms=["HS256"], options={"verify_aud": False}
        )
        return claims
