"""Secrets in URLs never reach a log line, on every binding.

The secrets are the binding's own: an owner's bearer token (the live connection's
`?access_token=`, as browsers must send it) and an upload link the binding hands out (signed
in its query: `sig=` locally and on Blob Storage, `X-Amz-*` on S3). They go where each binding
writes URLs to its logs:
- http: the local server as `pawtrack serve` runs it (uvicorn's access log and WebSocket
  lines, at level info), over real HTTP;
- aws, azure: the log handlers of the Lambda or Functions runtime once a function ran, through
  the loggers that write request URLs there (urllib3 under boto3, httpx and azure-core under
  the Azure SDKs), as those libraries format their lines.
"""

from __future__ import annotations

import logging
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from websockets.sync.client import connect

from entrypoints.local.asgi import create_app
from entrypoints.local.server import BackgroundServer
from tests.support.drivers.api import ApiDriver
from tests.support.drivers.http import HttpDriver
from tests.support.figures import Figures

from .access_minters import binding_minter

# Where a binding's platform writes the URL of a request it makes (library, format, arguments).
LIBRARY_LINES = {
    "aws": ("urllib3.connectionpool", '%s://%s:%s "%s %s %s" %s %s'),
    "azure": ("httpx", 'HTTP Request: %s %s "%s %d %s"'),
}


def secrets_of(api: ApiDriver) -> tuple[str, str, list[str]]:
    """An owner's token, an upload link of the binding and the secret values both carry."""
    api.add_user("alice")
    api.register_pet("alice", "dog", "Rex", 20)
    token = binding_minter(api).owner(api.user_id("alice"))
    link = api.call("POST", f"/pets/{api.pet('Rex')}/photo", "alice")["upload_url"]
    signed = [v for k, v in parse_qsl(urlsplit(link).query) if "sig" in k.lower() or "amz" in k]
    assert signed, f"the link carries no signature: {link}"
    return token, link, [token, *signed]


def served_log(api: HttpDriver, token: str, link: str, capsys: pytest.CaptureFixture[str]) -> str:
    """What the local server logs at level info while a live socket opens and a photo is PUT."""
    with BackgroundServer(create_app(api.c), log_level="info") as server:
        socket_url = f"{server.base_url.replace('http', 'ws', 1)}/live?access_token={token}"
        with connect(socket_url, open_timeout=5):
            pass
        parts = urlsplit(link)
        put = httpx.put(
            f"{server.base_url}{parts.path}?{parts.query}",
            content=b"\xff\xd8 a photo",
            headers={"Content-Type": "image/jpeg"},
        )
        assert put.status_code < 500, put.text
    captured = capsys.readouterr()
    return captured.out + captured.err


def runtime_log(binding: str, token: str, link: str, caplog: pytest.LogCaptureFixture) -> str:
    """What the runtime's handlers keep of the lines its libraries write about requests."""
    name, line = LIBRARY_LINES[binding]
    parts = urlsplit(link)
    path = f"{parts.path}?{parts.query}"
    with caplog.at_level(logging.DEBUG):
        if binding == "aws":
            logging.getLogger(name).debug(line, "https", parts.hostname, 443, "PUT", path, "HTTP/1.1", 200, 0)  # fmt: skip
        else:
            logging.getLogger(name).info(line, "PUT", httpx.URL(link), "HTTP/1.1", 201, "Created")
        logging.getLogger(name).debug("sending headers: {'Authorization': 'Bearer %s'}", token)
    return caplog.text


def test_tokens_and_link_signatures_are_redacted_from_every_log_line(
    api: ApiDriver,
    binding: str,
    figures: Figures,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    token, link, secrets = secrets_of(api)
    if isinstance(api, HttpDriver):
        logged = served_log(api, token, link, capsys)
        assert "/live?access_token=REDACTED" in logged, logged  # the lines are there, redacted
    else:
        api.send("GET", "/openapi.json", {}, b"", {})  # the runtime has run a function
        logged = runtime_log(binding, token, link, caplog)
        assert "REDACTED" in logged, logged
    leaked = [secret[:12] + "…" for secret in secrets if secret in logged]
    figures.record("log-redaction", binding, held=not leaked, cases=len(secrets))
    assert leaked == [], f"secrets in the {binding} logs: {leaked}\n{logged}"
