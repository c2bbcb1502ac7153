"""The `http` binding: the local server (uvicorn on 127.0.0.1, SQLite and files) over real HTTP."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path

import httpx
from dependency_injector import providers
from websockets.protocol import State
from websockets.sync.client import ClientConnection, connect

from adapters.local.settable_clock import SettableClock
from application.use_cases.issue_api_key import IssueApiKeyCommand
from domain.access import Caller, User
from entrypoints.local.asgi import create_app
from entrypoints.local.server import BackgroundServer, free_port
from entrypoints.settings import Cloud, LocalSettings, Settings
from entrypoints.wiring import build_container
from tests.support.drivers.api import Answer, ApiDriver
from tests.support.drivers.base import Delivery
from tests.support.drivers.traces import Record
from tests.support.telemetry import Line, parsed, prometheus_totals

OPERATOR = Caller("operator", is_admin=True)
TABLE_KINDS = {
    "users": "identity",
    "erased_accounts": "identity",
    "owners": "profile",
    "pets": "pets",
    "trackers": "trackers",
    "readings": "activity",
    "day_totals": "activity",
    "announcements": "announcements",
    "quarantine": "quarantine",
    "bundles": "bundles",
    "grants": "grants",
    "phones": "phones",
    "push_outbox": "push",
}


class HttpDriver(ApiDriver):
    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        port = free_port()
        self.clock = SettableClock()
        self.settings = settings = Settings(
            Cloud.LOCAL,
            LocalSettings(
                data_dir=data_dir,
                base_url=f"http://127.0.0.1:{port}",
                webhooks_to_loopback=True,  # the apps' receivers listen on 127.0.0.1
            ),
        )
        self.c = build_container(settings)
        self.c.ports().clock.override(providers.Object(self.clock))
        self.telemetry_out = io.StringIO()  # what the server writes to stdout
        self.c.ports().telemetry_stream.override(providers.Object(self.telemetry_out))
        self.resources = ExitStack()
        self.server = self.resources.enter_context(BackgroundServer(create_app(self.c), port=port))
        self.http = self.resources.enter_context(
            httpx.Client(base_url=self.server.base_url, timeout=10)
        )
        self.admins: set[str] = set()
        self.live: dict[str, ClientConnection] = {}
        self._ingest_key: str | None = None

    def close(self) -> None:
        self.resources.close()
        self.close_receivers()

    # Transport
    def send(
        self, method: str, path: str, headers: dict[str, str], body: bytes, query: dict[str, str]
    ) -> Answer:
        response = self.http.request(method, path, headers=headers, content=body, params=query)
        return Answer(response.status_code, dict(response.headers), response.content)

    def user_id(self, name: str) -> str:
        return name  # the local issuer signs tokens for the name

    def telemetry_lines(self) -> list[Line]:
        return parsed(self.telemetry_out.getvalue())

    def metric_totals(self) -> dict[str, float]:
        """Scraped from the server's /metrics, as Prometheus would."""
        response = self.http.get("/metrics")
        assert response.status_code == 200, response.text
        return prometheus_totals(response.text)

    def records(self) -> Iterator[Record]:
        """Every row of every table of the SQLite file, every blob file, every open socket."""
        database = self.c.ports().database()
        tables = database.read("SELECT name FROM sqlite_master WHERE type = 'table'")
        for table in (row["name"] for row in tables):
            for row in database.read(f'SELECT * FROM "{table}"'):  # names from the file itself
                yield TABLE_KINDS.get(table, "other"), f"table {table}", repr(tuple(row))
        root = self.settings.local.blob_root
        for path in (p for p in root.rglob("*") if p.is_file()):
            key = path.relative_to(root).as_posix()
            yield ("photos" if key.startswith("photos/") else "bundles"), key, ""
        # The files themselves, byte for byte: a deleted row may linger in free space or the log.
        data = self.settings.local.data_dir
        for path in (p for p in data.iterdir() if p.is_file()):
            yield "other", f"file {path.name}", path.read_bytes().decode("latin-1")
        for owner in list(self.live):
            user = self.user_id(owner)
            for n in range(len(self.c.ports.live_connections().of_owner(user))):
                yield "live", f"socket {n} the server holds", user
            if self._still_open(owner):
                yield "live", "socket the client holds", user

    def _still_open(self, owner: str) -> bool:
        """Whether the owner's live socket is open, once a close under way has arrived."""
        connection, deadline = self.live[owner], time.monotonic() + 2
        while connection.protocol.state is State.OPEN and time.monotonic() < deadline:
            time.sleep(0.02)
        return connection.protocol.state is State.OPEN

    def token(self, user: str, app: str | None = None) -> str:
        admin = user in self.admins or user == OPERATOR.user_id
        return self.c.ports.token_issuer().issue(
            user, is_admin=admin, app_id=self.ids[app] if app else None
        )

    def put_object(self, url: str, data: bytes, headers: dict[str, str]) -> None:
        response = httpx.put(url, content=data, headers=headers)
        assert response.status_code in (200, 201, 204), response.text

    # The world
    def set_time(self, now: datetime) -> None:
        self.clock.set(now)

    def add_user(self, name: str, *, admin: bool = False) -> None:
        if admin:
            self.admins.add(name)
        self.c.ports.users().add(User(name, name, admin))

    # Trackers deliver through the tracker platform's ingest endpoint.
    def ingest_key(self) -> str:
        if self._ingest_key is None:
            command = IssueApiKeyCommand(OPERATOR, "ingest", "tracker platform")
            self._ingest_key = self.c.issue_api_key()(command).plaintext
        return self._ingest_key

    def report_readings(self, serial: str, readings: list[dict[str, object]]) -> Delivery:
        body = {"tracker": serial, "readings": readings}
        report = self.call(
            "POST", "/ingest/readings", headers={"X-Api-Key": self.ingest_key()}, json_body=body
        )
        rejected = tuple((r["position"], r["field"]) for r in report["rejected"])
        return Delivery(report["accepted"], report["duplicates"], rejected)

    # The local issuer's sign-in page, as the owner's browser fills it in.
    def sign_in_at_provider(self, owner: str, sign_in_url: str) -> str:
        url = httpx.URL(sign_in_url)
        assert url.path == "/oauth/signin", sign_in_url
        page = self.http.get(url.path, params=url.params)
        assert page.status_code == 200 and "<form" in page.text, page.text
        form = {"name": owner, "state": url.params["state"]}
        answer = self.http.post("/oauth/signin", data=form)
        assert answer.status_code == 302, answer.text
        return answer.headers["location"]

    # Operators act with an administrator's token.
    def create_cms_key(self) -> str:
        body = {"purpose": "content", "name": "cms"}
        return str(self.call("POST", "/api-keys", OPERATOR.user_id, json_body=body)["key"])

    def revoke_cms_key(self, key: str) -> None:
        self.call("DELETE", f"/api-keys/{key.split('_')[1]}", OPERATOR.user_id)

    # Phones and live connections
    def received_notifications(self, phone: str) -> list[str]:
        return [m.text for m in self.c.ports.push().sent() if m.phone == phone]

    def connect_live(self, owner: str) -> None:
        url = (
            self.server.base_url.replace("http://", "ws://")
            + f"/live?access_token={self.token(owner)}"
        )
        self.live[owner] = self.resources.enter_context(connect(url, open_timeout=5))

    def live_updates(self, owner: str, expected: int) -> list[dict[str, object]]:
        connection, updates = self.live.get(owner), []
        if connection is None:
            return []
        wait = 5.0 if expected else 0.5
        while True:
            try:
                updates.append(json.loads(connection.recv(timeout=wait)))
            except TimeoutError:
                return updates
            if expected and len(updates) >= expected:
                return updates
