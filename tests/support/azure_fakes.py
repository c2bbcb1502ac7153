"""Loopback fakes of the Azure services that have no emulator: the plumbing they share.

Each fake is a small HTTP server on 127.0.0.1 (a port of its own, a daemon thread),
started when made and stopped by `close()`. It speaks the service's REST protocol
and checks what the service checks (signatures, tokens, headers, payload shapes);
what it accepted is kept for the test to read. The fakes themselves are in
azure_fake_entra.py (Entra ID, Graph), azure_fake_hubs.py (Notification Hubs) and
azure_fake_webpubsub.py (Web PubSub).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import attrs


@attrs.frozen
class Request:
    method: str
    target: str  # the path and query as sent
    headers: Mapping[str, str]  # names lower-cased
    body: bytes

    @property
    def path(self) -> str:
        return unquote(urlsplit(self.target).path)

    @property
    def query(self) -> dict[str, str]:
        pairs = parse_qs(urlsplit(self.target).query, keep_blank_values=True)
        return {name: values[-1] for name, values in pairs.items()}

    def json(self) -> Any:
        return json.loads(self.body)


@attrs.frozen
class Response:
    status: int
    body: Any = None  # JSON, or None for no body
    headers: Mapping[str, str] = attrs.field(factory=dict)


def problem(status: int, code: str, message: str) -> Response:
    return Response(status, {"error": {"code": code, "message": message}})


class LoopbackServer:
    """Serves `handle(request)` on 127.0.0.1 until `close()`."""

    def __init__(self) -> None:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                headers = {name.lower(): value for name, value in self.headers.items()}
                request = Request(self.command, self.path, headers, self.rfile.read(length))
                fake._answer(self, request)

            do_GET = do_POST = do_DELETE = do_PUT = _serve

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    @property
    def netloc(self) -> str:
        return f"127.0.0.1:{self._server.server_address[1]}"

    @property
    def url(self) -> str:
        return f"http://{self.netloc}"

    def handle(self, request: Request) -> Response:
        raise NotImplementedError

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _answer(self, handler: BaseHTTPRequestHandler, request: Request) -> None:
        try:
            response = self.handle(request)
        except Exception as error:  # a bug in the fake: answer as a service would
            response = problem(500, "InternalServerError", repr(error))
        body = b"" if response.body is None else json.dumps(response.body).encode()
        handler.send_response(response.status)
        for name, value in response.headers.items():
            handler.send_header(name, value)
        if response.body is not None:
            handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
