"""Running the local app with uvicorn: in the foreground, or on a thread for tests."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from types import TracebackType
from typing import TYPE_CHECKING

import uvicorn
from starlette.types import ASGIApp

from entrypoints.local.asgi import create_app
from entrypoints.log_redaction import redact_logs

if TYPE_CHECKING:
    from entrypoints.wiring import Container

START_TIMEOUT_S = 10.0


def serve(container: Container, host: str = "127.0.0.1", port: int = 8000) -> None:
    uvicorn.Server(server_config(create_app(container), host, port, "info")).run()


def server_config(app: ASGIApp, host: str, port: int, log_level: str) -> uvicorn.Config:
    """uvicorn's settings; making them configures its logging, whose handlers then get the
    redaction of tokens and link signatures (its access log writes every path and query)."""
    config = uvicorn.Config(app, host=host, port=port, log_level=log_level, lifespan="on")
    redact_logs()
    return config


def port_taken(host: str, port: int) -> bool:
    """Whether something already listens there (uvicorn would fail to bind only once started)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return True
        return False


def free_port(host: str = "127.0.0.1") -> int:
    """A port free right now, so that the base URL is known before the container is built."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


class BackgroundServer:
    """`with BackgroundServer(app) as server:` serves on a thread until the block ends."""

    def __init__(
        self, app: ASGIApp, host: str = "127.0.0.1", port: int = 0, log_level: str = "warning"
    ) -> None:
        self._server = uvicorn.Server(server_config(app, host, port, log_level))
        self._thread = threading.Thread(target=self._run, name="pawtrack-http", daemon=True)
        self.host, self.port = host, port

    def _run(self) -> None:
        # uvicorn exits when it cannot bind; __enter__ reports that the server did not start.
        with contextlib.suppress(SystemExit):
            self._server.run()

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def __enter__(self) -> BackgroundServer:
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.__exit__(None, None, None)
                raise RuntimeError(f"the server did not start on {self.host}:{self.port}")
            time.sleep(0.01)
        self.port = self._server.servers[0].sockets[0].getsockname()[1]
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=START_TIMEOUT_S)
