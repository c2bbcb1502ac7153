"""A moto server on 127.0.0.1 that applies one request at a time (as tests/support/aws.py's does),
counts the requests it serves by service operation, and meters DynamoDB's capacity units of
each (bench/capacity.py) from the items moto holds before and after the request."""

from __future__ import annotations

import io
import json
import threading
from collections import Counter
from typing import Any

from bench.capacity import Item, Meter, item_size, table_item
from tests.support import aws

READS_PER_ITEM = {"GetItem", "BatchGetItem", "TransactGetItems"}


class CountingMoto:
    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.meter = Meter()
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

    def units(self) -> tuple[Counter[str], Counter[str]]:
        """Read and write units so far, by operation."""
        with self._lock:
            return self.meter.snapshot()

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
                        operation = _operation(environ)
                        outer.counts[operation] += 1
                        if operation.startswith("dynamodb:"):
                            return _metered(app, environ, start_response, operation, outer.meter)
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


def _call(app: Any, environ: dict[str, Any], body: bytes, start_response: Any) -> bytes:
    env = dict(environ)
    env["wsgi.input"], env["CONTENT_LENGTH"] = io.BytesIO(body), str(len(body))
    return b"".join(app(env, start_response))


def _metered(app: Any, environ: dict[str, Any], start: Any, operation: str, meter: Meter) -> Any:
    body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    request: dict[str, Any] = json.loads(body or b"{}")
    name = operation.split(":", 1)[1]
    writes = _writes(name, request)
    before = [table_item(table, key) for table, key, _, _ in writes]
    answer = _call(app, environ, body, start)
    response = json.loads(answer or b"{}")
    after = [table_item(table, key) for table, key, _, _ in writes]
    for (_, _, factor, delete), old, new in zip(writes, before, after, strict=True):
        meter.write(operation, old, None if delete else new, factor)
    sizes, consistent = _reads(app, environ, name, request, response)
    if sizes is not None:
        meter.read(operation, sizes, consistent, name in READS_PER_ITEM)
    return [answer]


Write = tuple[str, Item, int, bool]  # table, key, factor, whether it deletes


def _writes(name: str, request: dict[str, Any]) -> list[Write]:
    table = request.get("TableName", "")
    if name == "PutItem":
        return [(table, request["Item"], 1, False)]
    if name in ("UpdateItem", "DeleteItem"):
        return [(table, request["Key"], 1, name == "DeleteItem")]
    if name == "BatchWriteItem":
        return [
            (t, r["PutRequest"]["Item"] if "PutRequest" in r else r["DeleteRequest"]["Key"], 1,
             "DeleteRequest" in r)
            for t, requests in request["RequestItems"].items()
            for r in requests
        ]  # fmt: skip
    if name == "TransactWriteItems":
        found = []
        for action in request["TransactItems"]:
            ((kind, detail),) = action.items()
            key = detail.get("Item") or detail["Key"]
            found.append((detail["TableName"], key, 2, kind == "Delete"))
        return found
    return []


def _reads(
    app: Any, environ: dict[str, Any], name: str, request: dict[str, Any], response: dict[str, Any]
) -> tuple[list[int] | None, bool]:
    consistent = bool(request.get("ConsistentRead"))
    if name == "GetItem":
        return [item_size(response.get("Item"))], consistent
    if name == "BatchGetItem":
        asked = [k for spec in request["RequestItems"].values() for k in spec["Keys"]]
        found = [item_size(i) for items in response.get("Responses", {}).values() for i in items]
        consistent = all(s.get("ConsistentRead") for s in request["RequestItems"].values())
        return found + [0] * (len(asked) - len(found)), consistent
    if name in ("Query", "Scan"):
        if {"ProjectionExpression", "FilterExpression", "Select"} & set(request):
            whole = {
                k: v for k, v in request.items() if k not in ("ProjectionExpression", "Select")
            }
            whole.pop("FilterExpression", None)
            names = whole.get("ExpressionAttributeNames")
            if names is not None:  # names used only by what was removed: moto refuses them
                whole["ExpressionAttributeNames"] = {
                    n: v
                    for n, v in names.items()
                    if n in json.dumps(whole.get("KeyConditionExpression", ""))
                } or None
                if whole["ExpressionAttributeNames"] is None:
                    del whole["ExpressionAttributeNames"]
            values = whole.get("ExpressionAttributeValues") or {}
            condition = str(whole.get("KeyConditionExpression", ""))
            whole["ExpressionAttributeValues"] = {v: x for v, x in values.items() if v in condition}
            if not whole["ExpressionAttributeValues"]:
                del whole["ExpressionAttributeValues"]
            response = json.loads(
                _call(app, environ, json.dumps(whole).encode(), lambda *a, **k: None) or b"{}"
            )
        return [item_size(i) for i in response.get("Items", [])], consistent
    if name == "TransactGetItems":
        sizes = [item_size(r.get("Item")) for r in response.get("Responses", [])]
        return sizes + sizes, True
    return None, consistent
