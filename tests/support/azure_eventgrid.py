"""A loopback Event Grid topic: it checks what Event Grid checks of a publish and keeps
what it accepted, for a test (or the features driver) to hand to the Event Grid trigger.

A publish is a POST to /api/events with the topic's key in `aeg-sas-key` (401
otherwise), `Content-Type: application/json` and a JSON array of events in the Event
Grid schema, each with id, subject, eventType, eventTime, data and dataVersion (400
otherwise). Event Grid takes all the events of a publish or none.
"""

from __future__ import annotations

import atexit
import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

REQUIRED = ("id", "subject", "eventType", "eventTime", "data", "dataVersion")
TEXTS = ("id", "subject", "eventType", "eventTime", "dataVersion")


class FakeEventGrid:
    def __init__(self) -> None:
        self.key = secrets.token_urlsafe(32)
        self._accepted: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_of(self))
        self.endpoint = f"http://127.0.0.1:{self._server.server_port}/api/events"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def take(self) -> list[dict[str, Any]]:
        """The events accepted since the last take, oldest first."""
        with self._lock:
            taken, self._accepted = self._accepted, []
        return taken

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _accept(self, events: list[dict[str, Any]]) -> None:
        with self._lock:
            self._accepted += events


def start_fake_event_grid() -> FakeEventGrid:
    """A topic listening on 127.0.0.1 until `close` (or the end of the process)."""
    topic = FakeEventGrid()
    atexit.register(topic.close)
    return topic


def refusal(body: object) -> str | None:
    """Why Event Grid would refuse the body of a publish, or None when it takes it."""
    if not isinstance(body, list) or not body:
        return "the body is a JSON array of events"
    for event in body:
        if not isinstance(event, dict):
            return "an event is a JSON object"
        missing = [name for name in REQUIRED if event.get(name) is None]
        if missing:
            return f"an event lacks {', '.join(missing)}"
        if not all(isinstance(event[name], str) and event[name] for name in TEXTS):
            return f"{', '.join(TEXTS)} are non-empty strings"
    return None


def _handler_of(topic: FakeEventGrid) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if urlsplit(self.path).path != "/api/events":
                return self._answer(404, "no such topic")
            if not secrets.compare_digest(self.headers.get("aeg-sas-key") or "", topic.key):
                return self._answer(401, "the aeg-sas-key is not the topic's key")
            media_type = (self.headers.get("Content-Type") or "").split(";")[0].strip()
            if media_type != "application/json":
                return self._answer(400, "Content-Type must be application/json")
            try:
                events = json.loads(body)
            except ValueError:
                return self._answer(400, "the body is not JSON")
            reason = refusal(events)
            if reason is not None:
                return self._answer(400, reason)
            topic._accept(events)
            self._answer(200, "")

        def _answer(self, status: int, message: str) -> None:
            text = json.dumps({"error": {"message": message}}).encode() if message else b""
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(text)))
            self.end_headers()
            self.wfile.write(text)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: pytest shows what matters."""

    return Handler
