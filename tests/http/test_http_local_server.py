"""The local server for real: uvicorn on 127.0.0.1, SQLite and files, httpx and WebSockets."""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from dependency_injector import providers
from http_support import api_key, make_container, token_for
from starlette.routing import Route
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from adapters.local.settable_clock import SettableClock
from application.ports.messaging import DeliverWebhook
from application.use_cases.register_app import RegisterAppCommand
from application.use_cases.request_app import RequestAppCommand
from domain.access import Caller
from domain.apps import Change, ChangeKind, RequestState, WebhookMessage
from entrypoints.http.messages import MAX_BODY_BYTES
from entrypoints.http.routes import ROUTES
from entrypoints.local.asgi import create_app
from entrypoints.local.server import BackgroundServer, free_port
from entrypoints.wiring import Container


class Local:
    def __init__(
        self, container: Container, clock: SettableClock, server: BackgroundServer
    ) -> None:
        self.container, self.clock, self.server = container, clock, server
        self.http = httpx.Client(base_url=server.base_url, timeout=10)

    def call(
        self, method: str, path: str, user: str | None = None, **kwargs: Any
    ) -> httpx.Response:
        headers = kwargs.pop("headers", {})
        if user is not None:
            headers["Authorization"] = f"Bearer {token_for(self.container, user)}"
        return self.http.request(method, path, headers=headers, **kwargs)

    def live(self, query: str = "", headers: dict[str, str] | None = None) -> ClientConnection:
        url = self.server.base_url.replace("http://", "ws://") + "/live" + query
        return connect(url, additional_headers=headers, open_timeout=5)


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Local]:
    port = free_port()
    data_dir: Path = tmp_path_factory.mktemp("local")
    container, clock = make_container(data_dir, "local", f"http://127.0.0.1:{port}")
    with BackgroundServer(create_app(container), port=port) as server:
        yield Local(container, clock, server)
    container.shutdown_resources()


@pytest.fixture(scope="module")
def rex(local: Local) -> str:
    body = {"name": "Rex", "species": "dog", "weight_kg": 20}
    pet_id: str = local.call("POST", "/pets", "alice", json=body).json()["id"]
    local.call("PUT", f"/pets/{pet_id}/tracker", "alice", json={"serial": "TRK-LIVE"})
    return pet_id


def test_the_server_serves_the_table_with_one_starlette_route_each(local: Local) -> None:
    app = create_app(local.container)
    table = [
        (r.path, r.methods)
        for r in app.routes
        if isinstance(r, Route) and r.name in {t.key for t in ROUTES}
    ]
    assert len(table) == len(ROUTES)
    assert local.server.base_url == f"http://127.0.0.1:{local.server.port}"


def test_live_over_plain_http_answers_426_with_how_to_open_it(local: Local) -> None:
    answer = local.call("GET", "/live")
    assert answer.status_code == 426 and answer.headers["upgrade"] == "websocket"
    assert answer.headers["content-type"] == "application/problem+json"
    ws_url = local.server.base_url.replace("http://", "ws://")
    assert f"{ws_url}/live?access_token=<token>" in answer.json()["detail"]


def test_a_photo_goes_up_and_comes_back_through_signed_links(local: Local, rex: str) -> None:
    answer = local.call("POST", f"/pets/{rex}/photo", "alice").json()
    upload, headers = answer["upload_url"], answer["headers"]
    assert upload.startswith(local.server.base_url + "/blobs/")
    assert headers == {"Content-Type": "image/jpeg"}
    assert httpx.put(upload, content=b"\xff\xd8jpeg").status_code == 403, "S3 checks the type too"
    assert httpx.put(upload, content=b"\xff\xd8jpeg", headers=headers).status_code == 200
    download = local.call("GET", f"/pets/{rex}/photo", "alice").json()["download_url"]
    assert httpx.get(download).content == b"\xff\xd8jpeg"


def _tampered(link: str) -> list[str]:
    signature = link.rsplit("sig=", 1)[1]
    flipped = ("0" if signature[0] != "0" else "1") + signature[1:]
    return [
        link.replace(signature, flipped),
        link.replace("&sig=" + signature, ""),
        link.replace("photos/", "bundles/"),
        link.replace("expires=", "expires=9"),
    ]


def test_a_tampered_link_is_refused(local: Local, rex: str) -> None:
    upload = local.call("POST", f"/pets/{rex}/photo", "alice").json()["upload_url"]
    for link in _tampered(upload):
        refused = httpx.put(link, content=b"evil", headers={"Content-Type": "image/jpeg"})
        assert refused.status_code == 403, link
        assert refused.headers["content-type"] == "application/problem+json"
    assert httpx.get(upload).status_code == 403, "an upload link is no download link"


def test_an_expired_link_is_refused(local: Local, rex: str) -> None:
    upload = local.call("POST", f"/pets/{rex}/photo", "alice").json()["upload_url"]
    local.clock.advance(timedelta(minutes=16))
    try:
        late = httpx.put(upload, content=b"late", headers={"Content-Type": "image/jpeg"})
        assert late.status_code == 403
    finally:
        local.clock.advance(timedelta(minutes=-16))


def test_an_uploaded_bundle_is_processed(local: Local, rex: str) -> None:
    started = local.call("POST", "/trackers/TRK-LIVE/bundles", "alice").json()
    lines = b'{"time": "2026-11-19T07:00:00Z", "steps": 1000}\n{"time": "2026-11-19T07:05:00Z", "steps": "x"}\n'
    put = httpx.put(started["upload_url"], content=lines, headers=started["headers"])
    assert put.status_code == 200
    report = local.call("GET", f"/bundles/{started['bundle_id']}", "alice").json()["report"]
    assert (report["accepted"], report["rejected"][0]["line"]) == (1, 2)


def _ingest(local: Local, steps: int, at: str = "2026-11-21T08:00:00Z") -> None:
    body = {"tracker": "TRK-LIVE", "readings": [{"time": at, "steps": steps}]}
    headers = {"X-Api-Key": api_key(local.container, "ingest")}
    assert local.call("POST", "/ingest/readings", json=body, headers=headers).status_code == 200


def test_an_open_live_connection_hears_of_new_steps(local: Local, rex: str) -> None:
    token = token_for(local.container, "alice")
    bob_token = token_for(local.container, "bob")
    with (
        local.live(f"?access_token={token}") as alice,
        local.live(headers={"Authorization": f"Bearer {token}"}) as second,
        local.live(f"?access_token={bob_token}") as bob,
    ):
        _ingest(local, 1200, "2026-11-21T07:00:00Z")
        expected = {"type": "activity-updated", "pet_id": rex, "day": "2026-11-21", "steps": 1200}
        assert json.loads(alice.recv(timeout=5)) == expected
        assert json.loads(second.recv(timeout=5)) == expected
        with pytest.raises(TimeoutError):
            bob.recv(timeout=0.3)


def test_a_closed_live_connection_is_forgotten(local: Local, rex: str) -> None:
    with local.live(f"?access_token={token_for(local.container, 'carol')}"):
        assert len(local.container.ports.live_connections().of_owner("carol")) == 1
    deadline = time.monotonic() + 5
    while (
        len(local.container.ports.live_connections().of_owner("carol"))
        and time.monotonic() < deadline
    ):
        time.sleep(0.02)
    assert len(local.container.ports.live_connections().of_owner("carol")) == 0


@pytest.mark.parametrize("query", ["", "?access_token=forged", "?access_token="])
def test_a_live_connection_without_a_valid_token_is_closed_4401(local: Local, query: str) -> None:
    with local.live(query) as refused, pytest.raises(ConnectionClosed) as closed:
        refused.recv(timeout=5)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401


def test_an_app_gets_no_live_updates(local: Local) -> None:
    app = local.container.register_app()(RegisterAppCommand(Caller("ops", is_admin=True), "Vet"))
    token = local.container.ports.token_issuer().issue("alice", app_id=app.id)
    with local.live(f"?access_token={token}") as refused, pytest.raises(ConnectionClosed) as closed:
        refused.recv(timeout=5)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4403


def test_refusals_over_the_wire_are_problems(local: Local) -> None:
    too_large = local.call(
        "POST",
        "/pets",
        "alice",
        content=b"x" * (MAX_BODY_BYTES + 10),
        headers={"Content-Type": "application/json"},
    )
    not_json = local.call(
        "POST",
        "/pets",
        "alice",
        content=b"name=Rex",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    nowhere, wrong_method = local.call("GET", "/nowhere"), local.call("DELETE", "/pets", "alice")
    for response, status in (
        (too_large, 413),
        (not_json, 415),
        (nowhere, 404),
        (wrong_method, 405),
    ):
        assert response.status_code == status
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["status"] == status
    assert wrong_method.headers["allow"] == "POST, GET"
    assert local.call("GET", "/pets").headers["www-authenticate"].startswith("Bearer")


def test_the_issuer_publishes_its_keys(local: Local) -> None:
    keys = local.call("GET", "/.well-known/jwks.json").json()["keys"]
    assert [key["alg"] for key in keys] == ["RS256"] and "d" not in keys[0]


def test_a_server_whose_port_is_taken_says_so(local: Local) -> None:
    with (
        pytest.raises(RuntimeError, match="did not start"),
        BackgroundServer(create_app(local.container), port=local.server.port),
    ):
        pass


def test_a_webhook_retry_left_by_a_stopped_server_is_run_by_the_next_ones_timer(
    tmp_path: Path,
) -> None:
    """A delayed job waits in the database: the server that queued it may stop, the next one's
    timer runs it when its time has come (at start, then every few seconds)."""
    port = free_port()
    container, clock = make_container(tmp_path, "local", f"http://127.0.0.1:{port}")
    message = WebhookMessage.of(
        "no-such-app", Change(ChangeKind.REVOKED, "alice"), clock.now()
    )  # unsubscribed meanwhile: the job runs and ends without a call
    container.ports.jobs().enqueue(DeliverWebhook(message, delay_seconds=30))
    waiting = "SELECT count(*) AS n FROM delayed_jobs"
    database = container.ports.database()
    assert database.read_one(waiting)["n"] == 1
    clock.advance(timedelta(seconds=31))
    with BackgroundServer(create_app(container), port=port):
        deadline = time.monotonic() + 10
        while database.read_one(waiting)["n"] and time.monotonic() < deadline:
            time.sleep(0.05)
        assert database.read_one(waiting)["n"] == 0
    container.shutdown_resources()


def test_the_servers_timer_refuses_a_request_left_without_a_decision(tmp_path: Path) -> None:
    """The laptop's approval workflow ends a 7-day wait as Step Functions' timeout would."""
    port = free_port()
    container, clock = make_container(tmp_path, "local", f"http://127.0.0.1:{port}")
    command = RequestAppCommand("Vetbook", ["https://vetbook.example/cb"], "dev@vetbook.example")
    request_id = container.request_app()(command).request.id
    stored = container.ports.app_requests()
    clock.advance(timedelta(days=7, seconds=1))
    with BackgroundServer(create_app(container), port=port):
        deadline = time.monotonic() + 10
        while stored.get(request_id).state is RequestState.PENDING:
            assert time.monotonic() < deadline, "the timer did not refuse the request"
            time.sleep(0.05)
    assert stored.get(request_id).state is RequestState.REFUSED
    container.shutdown_resources()


def test_a_failing_timer_tick_is_one_log_line_and_the_rest_still_runs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A tick that fails (a database busy, say) is told in one line, not swallowed, and does
    not keep the due webhook retries from running."""

    def busy() -> None:
        raise sqlite3.OperationalError("database is locked")

    port = free_port()
    container, clock = make_container(tmp_path, "local", f"http://127.0.0.1:{port}")
    container.expire_app_requests.override(providers.Object(busy))
    message = WebhookMessage.of("no-such-app", Change(ChangeKind.REVOKED, "alice"), clock.now())
    container.ports.jobs().enqueue(DeliverWebhook(message, delay_seconds=30))
    clock.advance(timedelta(seconds=31))
    database = container.ports.database()
    with (
        caplog.at_level(logging.WARNING, logger="entrypoints.local.asgi"),
        BackgroundServer(create_app(container), port=port),
    ):
        deadline = time.monotonic() + 10
        while database.read_one("SELECT count(*) AS n FROM delayed_jobs")["n"]:
            assert time.monotonic() < deadline, "the due retry did not run"
            time.sleep(0.05)
    lines = [r.getMessage() for r in caplog.records if r.name == "entrypoints.local.asgi"]
    assert lines == ["timer: expire_app_requests failed (OperationalError); next try in 15 s"]
    container.expire_app_requests.reset_override()
    container.shutdown_resources()
