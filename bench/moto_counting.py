"""A moto server on 127.0.0.1 that applies one request at a time (as tests/support/aws.py's does)
and counts the requests it serves by service operation, for the request counts of the report."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

from tests.support import aws


class CountingMoto:
    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self.server = self._server()

    def start(self) -> str:
        import logging

        aws._fake_credentials()
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        self.server.start()
        aws._server = self.server  # tests.support.aws's helpers (provision, sign_in) use this one
        return aws.moto_endpoint()

    def snapshot(self) -> Counter[str]:
        with self._lock:
            return Counter(self.counts)

    def _server(self) -> Any:
        from moto.moto_server.threaded_moto_server import ThreadedMotoServer
        from moto.server import DomainDispatcherApplication, create_backend_app
        from werkzeug.serving import make_server

        outer = self

        class Server(ThreadedMotoServer):  # type: ignore[misc]
            def _server_entry(self) -> None:
                app = DomainDispatcherApplication(create_backend_app)

                def counted(environ: Any, start_response: Any) -> Any:
                    with outer._lock:
                        outer.counts[_operation(environ)] += 1
                        return list(app(environ, start_response))

                self._server = make_server(self._ip_address, self._port, counted, True)
                self._server_ready_event.set()
                self._server.serve_forever()

        return Server(ip_address="127.0.0.1", port=0, verbose=False)


def _operation(environ: dict[str, Any]) -> str:
    target = environ.get("HTTP_X_AMZ_TARGET")
    if target:  # JSON protocols: DynamoDB_20120810.GetItem, AmazonSQS.SendMessage, ...
        service, _, operation = target.partition(".")
        return f"{service.split('_')[0].lower()}:{operation}"
    path = environ.get("PATH_INFO", "")
    if path.endswith("/.well-known/jwks.json"):
        return "cognito:jwks"
    return f"other:{environ.get('REQUEST_METHOD')}"
