"""The local console at /console, on the local server only: a page made from the server's own
template and one small inline script (allowed by its hash in the page's CSP; nothing loads from
elsewhere, so it works offline). The script keeps the pasted token in the tab's sessionStorage,
fetches /console/view with it (an HTML fragment made on the server: console_view.py) and opens
/live with it: each live update is listed as it comes and the view is fetched again."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from application.use_cases.authenticate import AuthenticateQuery
from domain.errors import AccessDenied, DomainError
from entrypoints.http.problems import response_for
from entrypoints.local.console_view import console_view
from entrypoints.local.starlette_io import starlette_response

if TYPE_CHECKING:
    from entrypoints.wiring import Container

SCRIPT = """
var token = sessionStorage.getItem('pawtrack-token'), socket = null;
function show(text) { document.getElementById('status').textContent = text; }
async function load() {
  var answer = await fetch('console/view', {headers: {'Authorization': 'Bearer ' + token}});
  if (!answer.ok) { show('sign-in refused (' + answer.status + '): paste a token of this server'); return false; }
  document.getElementById('view').innerHTML = await answer.text();
  return true;
}
function listen() {
  var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
  socket = new WebSocket(scheme + location.host + '/live?access_token=' + encodeURIComponent(token));
  socket.onopen = function () { show('live'); };
  socket.onclose = function () { show('live updates closed'); };
  socket.onmessage = function (event) {
    var update = JSON.parse(event.data), item = document.createElement('li');
    item.textContent = new Date().toISOString().slice(11, 19) + ' ' + update.type + ' ' + update.day
      + ': ' + update.steps + ' steps' + (update.position ? ' at ' + update.position.latitude + ', ' + update.position.longitude : '');
    document.getElementById('live').prepend(item);
    document.getElementById('waiting').hidden = true;
    load();
  };
}
async function start() { if (token && await load()) listen(); }
document.getElementById('signin').addEventListener('submit', function (event) {
  event.preventDefault();
  token = document.getElementById('token').value.trim();
  sessionStorage.setItem('pawtrack-token', token);
  if (socket) socket.close();
  start();
});
start();
"""
SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
POLICY = (
    f"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; script-src '{SCRIPT_HASH}'; "
    "connect-src 'self' ws: wss:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
)
STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:1rem auto;max-width:64rem;padding:0 1rem;color:#222}
header{display:flex;gap:1rem;align-items:center;border-bottom:1px solid #ddd}
section.pet{border-bottom:1px solid #eee}table{border-collapse:collapse}
td,th{text-align:left;padding:.1rem .75rem .1rem 0;border-bottom:1px solid #eee;vertical-align:top}
#status{color:#666}#live{font:13px monospace;max-height:10rem;overflow:auto}
"""
PAGE = f"""<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Pawtrack console</title><link rel='icon' href='data:,'>
<style>{STYLE}</style></head><body>
<header><h1>Pawtrack console</h1><span id='status'>paste a token (`pawtrack token NAME`, or TOKEN in demo.env)</span></header>
<form id='signin'><label>Token <input id='token' size='60' autocomplete='off'></label> <button>Sign in</button></form>
<div id='view'></div>
<h2>Live updates</h2><p id='waiting'>None yet: each reading stored while this page is open is listed here, and the charts follow.</p><ul id='live'></ul>
<p><a href='docs'>The API</a></p>
<script>{SCRIPT}</script></body></html>"""


def console_routes(container: Container) -> list[BaseRoute]:
    return [
        Route("/console", _page, methods=["GET"]),
        Route("/console/view", _view(container), methods=["GET"]),
    ]


async def _page(request: Request) -> Response:
    return HTMLResponse(
        PAGE, headers={"content-security-policy": POLICY, "cache-control": "no-store"}
    )


def _view(container: Container) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        bearer = token.strip() if scheme.lower() == "bearer" else None

        def render() -> Response:
            try:  # a token of the local issuer: the local server verifies no other
                caller = container.authenticate()(AuthenticateQuery(bearer or None, False))
                if caller.is_app:  # the console is the owner's and the operator's, not an app's
                    raise AccessDenied("the console is for owners and administrators, not apps")
                html = console_view(container, caller)
            except DomainError as error:
                return starlette_response(response_for(error))
            return HTMLResponse(html, headers={"cache-control": "no-store"})

        return await run_in_threadpool(render)

    return endpoint
