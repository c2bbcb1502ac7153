"""A loopback receiver of webhook messages, as a subscribed app runs one: it answers the
subscription's challenge, keeps every message with its headers, and checks each signature
with the Standard Webhooks reference library and the secret the app was given."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from standardwebhooks.webhooks import Webhook, WebhookVerificationError


class WebhookReceiver:
    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.secret: str | None = None
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                challenge = parse_qs(urlsplit(self.path).query).get("challenge", [""])[0]
                self._answer(200, challenge.encode())

            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self._answer(204, b"")

            def _answer(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/hooks"

    def messages(self) -> list[dict[str, Any]]:
        return [json.loads(body) for _, body in self.received]

    def all_signed(self) -> bool:
        """Whether every message verifies with the app's secret (and there is at least one)."""
        if self.secret is None or not self.received:
            return False
        hook = Webhook(self.secret)
        try:
            for headers, body in self.received:
                hook.verify(body, headers)
        except WebhookVerificationError:
            return False
        return True

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
