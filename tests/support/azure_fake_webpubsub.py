"""A fake Azure Web PubSub service with one hub, for sends to groups.

It checks the bearer token the SDK signs with the connection string's access key
(HS256, `aud` the exact request URL, unexpired) and the path
`/api/hubs/{hub}/groups/{group}/:send` (and `/api/hubs/{hub}/users/{user}/:closeConnections`,
which closes the connections whose token named the user). A client connects with the URL the backend
negotiated (`connect_with`): the fake checks its token as the service does (HS256
with the access key, unexpired, for this hub) and joins the groups it names. A
message sent to a group reaches each connection in it open at the time, except a
broken one (`failing`), which the service drops silently.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
import secrets
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt

from .azure_fakes import LoopbackServer, Request, Response, problem

SEND = re.compile(r"/api/hubs/(?P<hub>[^/]+)/groups/(?P<group>[^/]+)/:send")
CLOSE_USER = re.compile(r"/api/hubs/(?P<hub>[^/]+)/users/(?P<user>[^/]+)/:closeConnections")


class FakeWebPubSub(LoopbackServer):
    def __init__(self, hub: str = "live") -> None:
        super().__init__()
        self.hub = hub
        self.access_key = base64.b64encode(secrets.token_bytes(32)).decode()
        self._ids = itertools.count(1)
        self.connections: dict[str, tuple[frozenset[str], bool]] = {}  # open: id -> groups, failing
        self.users: dict[str, str] = {}  # connection id -> the user its token named (`sub`)
        self.received: dict[str, list[Any]] = {}  # by connection, open or closed

    @property
    def connection_string(self) -> str:
        return f"Endpoint={self.url};AccessKey={self.access_key};Version=1.0;"

    def connect_with(self, client_url: str, failing: bool = False) -> str:
        """A client connecting with a negotiated URL; PermissionError for a token the service refuses."""
        parts = urlsplit(client_url)
        token = parse_qs(parts.query).get("access_token", [""])[0]
        audience = f"{self.url}/client/hubs/{self.hub}"
        if parts.path != f"/client/hubs/{self.hub}":
            raise PermissionError(f"no hub at {parts.path}")
        try:
            claims = jwt.decode(
                token, self.access_key, algorithms=["HS256"], audience=audience,
                options={"require": ["exp", "aud", "sub"]},
            )  # fmt: skip
        except jwt.PyJWTError as error:
            raise PermissionError(str(error)) from error
        with self.lock:
            connection_id = f"conn-{next(self._ids)}"
            self.connections[connection_id] = (
                frozenset(claims.get("webpubsub.group", [])),
                failing,
            )
            self.received[connection_id] = []
            self.users[connection_id] = claims["sub"]
            return connection_id

    def disconnect(self, connection_id: str) -> None:
        with self.lock:
            self.connections.pop(connection_id, None)

    def handle(self, request: Request) -> Response:
        closing = CLOSE_USER.fullmatch(request.path)
        if request.method == "POST" and closing is not None and closing["hub"] == self.hub:
            return self._close_user(request, closing["user"])
        found = SEND.fullmatch(request.path)
        if request.method != "POST" or found is None or found["hub"] != self.hub:
            return problem(404, "NotFound", f"{request.method} {request.path}")
        refusal = self._unauthorized(request) or self._malformed(request)
        if refusal is not None:
            return refusal
        with self.lock:
            for connection_id, (groups, failing) in self.connections.items():
                if found["group"] in groups and not failing:
                    self.received[connection_id].append(request.json())
        return Response(202)

    def _close_user(self, request: Request, user: str) -> Response:
        refusal = self._unauthorized(request)
        if refusal is None and "api-version" not in request.query:
            refusal = problem(400, "BadRequest", "api-version is required")
        if refusal is not None:
            return refusal
        with self.lock:
            for connection_id in [c for c in self.connections if self.users.get(c) == user]:
                del self.connections[connection_id]
        return Response(204)

    def _unauthorized(self, request: Request) -> Response | None:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        url = f"http://{request.headers.get('host', '')}{request.target}"
        try:
            jwt.decode(
                token, self.access_key, algorithms=["HS256"], audience=url,
                options={"require": ["exp", "aud"]},
            )  # fmt: skip
        except jwt.PyJWTError as error:
            return problem(401, "Unauthorized", str(error))
        return None if scheme == "Bearer" else problem(401, "Unauthorized", "Bearer expected")

    def _malformed(self, request: Request) -> Response | None:
        if "api-version" not in request.query:
            return problem(400, "BadRequest", "api-version is required")
        if request.headers.get("content-type", "").split(";")[0] != "application/json":
            return problem(400, "BadRequest", "this fake takes JSON messages only")
        try:
            json.loads(request.body)
        except ValueError:
            return problem(400, "BadRequest", "the body is not JSON")
        return None
