"""The sign-in and consent pages in a real browser: Debian's Chromium, headless, driven by
Playwright, through the local server over HTTP. An owner connects an app the way an owner
would (click, type, untick, allow); the browser lands on the app's redirect URI with a code
the app exchanges. The pages carry no script and refuse to be framed."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx

from application.use_cases.decide_app import DecideAppCommand
from application.use_cases.request_app import RequestAppCommand
from domain.access import Caller
from tests.support.oauth_client import OAuthApp


class AppCallback:
    """The app's redirect URI: a page on 127.0.0.1 that shows it was reached."""

    def __init__(self) -> None:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                body = b"<!doctype html><title>VetBook</title><p>connected</p>"
                self.send_response(200)
                self.send_header("content-type", "text/html")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/callback"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def registered(container: Any, callback: str) -> OAuthApp:
    command = RequestAppCommand("VetBook", [callback], "dev@vetbook.example")
    requested = container.request_app()(command)
    operator = Caller("operator", is_admin=True)
    approved = container.decide_app()(DecideAppCommand(operator, requested.request.id, True))
    return OAuthApp("VetBook", callback, requested.client_secret, client_id=approved.app_id)


def test_an_owner_connects_an_app_in_a_browser(served: tuple[str, Any], browser: Any) -> None:
    base_url, container = served
    callback = AppCallback()
    try:
        app = registered(container, callback.url)
        params = app.authorization(["activity:read", "location:read"])
        page = browser.new_page()
        seen: list[dict[str, str]] = []
        page.on("response", lambda r: seen.append({"url": r.url, **r.headers}))
        page.goto(f"{base_url}/oauth/authorize?{urlencode(params)}")
        assert page.title() == "Sign in to Pawtrack"
        page.fill("#name", "alice")
        page.click("button[type=submit]")
        assert page.title() == "Connect VetBook"
        assert "your pets' daily activity" in page.content()
        assert "<script" not in page.content()
        page.uncheck("input[value='location:read']")  # the owner picks what the app may read
        page.click("button[value=allow]")
        page.wait_for_url(f"{callback.url}?*")
        code = app.code_from(page.url)
        assert page.text_content("p") == "connected"
        consent = next(h for h in seen if urlsplit(h["url"]).path == "/oauth/login")
        assert consent["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in consent["content-security-policy"]
    finally:
        callback.close()
    token = httpx.post(f"{base_url}/oauth/token", data=app.exchange(code)).json()
    assert token["scope"] == "activity:read"
    grants = httpx.get(
        f"{base_url}/grants", headers={"Authorization": f"Bearer {token_of(container)}"}
    )
    assert [g["scopes"] for g in grants.json()["grants"]] == [["activity:read"]]
    assert grants.json()["grants"][0]["connected_at"] is not None


def token_of(container: Any) -> str:
    from application.use_cases.sign_in import SignInCommand

    return str(container.sign_in()(SignInCommand("alice")))


def test_denying_sends_the_app_access_denied(served: tuple[str, Any], browser: Any) -> None:
    base_url, container = served
    callback = AppCallback()
    try:
        app = registered(container, callback.url)
        page = browser.new_page()
        page.goto(f"{base_url}/oauth/authorize?{urlencode(app.authorization(['activity:read']))}")
        page.fill("#name", "alice")
        page.click("button[type=submit]")
        page.click("button[value=deny]")
        page.wait_for_url(f"{callback.url}?*")
        query = parse_qs(urlsplit(page.url).query)
        assert query["error"] == ["access_denied"] and query["state"] == [app.state]
    finally:
        callback.close()
