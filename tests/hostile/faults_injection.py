"""Throttling injected under the SDK clients the container built, so that their own retry
policies see it as the service would send it.

- `Throttled` (AWS): a botocore `before-send` handler on the client answers an operation with
  a 400 and a throttling error code instead of sending it; botocore's retry handler then sees
  a real throttling response (or, for TransactionCanceledException, the adapter does).
- `Busy` (Azure): a transport wrapper under the client's pipeline (below its retry policy)
  answers matching requests with a 503 ServerBusy, as Azure Tables does when throttled.

Each counts how often it answered for the service, so a test knows the fault happened.
"""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import unquote

import requests
from azure.core.pipeline import Pipeline
from azure.core.pipeline.transport import HttpRequest, RequestsTransportResponse
from botocore.awsrequest import AWSPreparedRequest, AWSResponse

DYNAMODB_ERROR = "com.amazonaws.dynamodb.v20120810#"
FOREVER = 10**6


class _Body:
    def __init__(self, data: bytes) -> None:
        self._data = data

    def stream(self, **kwargs: Any) -> Iterator[bytes]:
        yield self._data


class Throttled:
    """Answers the calls `after`+1 … `after`+`times` of `operation` (every attempt counts) with
    the error `code`; `body` adds fields to the error (CancellationReasons). With `matching`,
    only the calls whose request it accepts count and are answered."""

    def __init__(
        self,
        client: Any,
        operation: str,
        code: str,
        *,
        times: int = FOREVER,
        after: int = 0,
        body: dict[str, Any] | None = None,
        matching: Callable[[AWSPreparedRequest], bool] = lambda request: True,
    ) -> None:
        self.code, self.times, self.after, self.extra = code, times, after, body or {}
        self.matching = matching
        self.calls = self.answered = 0
        self._lock = threading.Lock()
        self._event = f"before-send.{client.meta.service_model.service_id.hyphenize()}.{operation}"
        self._client = client
        client.meta.events.register(self._event, self)

    def __call__(self, request: AWSPreparedRequest, **kwargs: Any) -> AWSResponse | None:
        if not self.matching(request):
            return None
        with self._lock:
            self.calls += 1
            if not self.after < self.calls <= self.after + self.times:
                return None
            self.answered += 1
        error = {"__type": self._type(), "message": f"injected {self.code}", **self.extra}
        headers = {"x-amzn-RequestId": "injected", "Content-Type": "application/x-amz-json-1.1"}
        return AWSResponse(request.url, 400, headers, _Body(json.dumps(error).encode()))

    def _type(self) -> str:
        service = self._client.meta.service_model.service_id.hyphenize()
        return DYNAMODB_ERROR + self.code if service == "dynamodb" else self.code

    def stop(self) -> None:
        self._client.meta.events.unregister(self._event, self)


def cancelled_by_throttling(readings: int) -> dict[str, Any]:
    """The error fields of a transaction (the totals and a marker and item per reading) that
    DynamoDB cancelled because an item was throttled."""
    reasons = [{"Code": "None"}] * (1 + 2 * readings)
    reasons[1] = {"Code": "ThrottlingError", "Message": "Throughput exceeds the current capacity"}
    return {"CancellationReasons": reasons}


class Busy:
    """Answers 503 ServerBusy to the matching requests `after`+1 … `after`+`times` of an
    azure-core client, below its retry policy; every other request goes to the real transport."""

    def __init__(
        self,
        client: Any,
        matching: Callable[[HttpRequest], bool] = lambda request: True,
        *,
        times: int = FOREVER,
        after: int = 0,
    ) -> None:
        self.matching, self.times, self.after = matching, times, after
        self.calls = self.answered = 0
        self._lock = threading.Lock()
        self._runner = _transport_runner(_pipeline_of(client))
        self._real = self._runner._sender
        self._runner._sender = self

    def send(self, request: HttpRequest, **kwargs: Any) -> Any:
        if self.matching(request):
            with self._lock:
                self.calls += 1
                busy = self.after < self.calls <= self.after + self.times
                self.answered += busy
            if busy:
                return _server_busy(request)
        return self._real.send(request, **kwargs)

    def stop(self) -> None:
        self._runner._sender = self._real

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def naming(text: str) -> Callable[[Any], bool]:
    """Requests whose body or URL holds `text` (a pet's id: the writes of its days)."""

    def matching(request: Any) -> bool:
        body = request.body if isinstance(request.body, bytes) else str(request.body or "").encode()
        return text.encode() in body or text in unquote(request.url)

    return matching


def day_writes(request: HttpRequest) -> bool:
    """The Tables ledger's atomic writes of a pet-day: its entity created or replaced (or written
    with its parts in an entity-group transaction, `POST …/$batch`)."""
    url = unquote(request.url.split("?", 1)[0])
    if request.method in ("PUT", "PATCH", "MERGE"):
        return "RowKey='DAY|" in url
    if request.method != "POST":
        return False
    body = request.body if isinstance(request.body, bytes) else str(request.body or "").encode()
    return url.endswith("/$batch") or b'"RowKey": "DAY|' in body or b'"RowKey":"DAY|' in body


def _server_busy(request: HttpRequest) -> RequestsTransportResponse:
    body = json.dumps(
        {
            "odata.error": {
                "code": "ServerBusy",
                "message": {"lang": "en-US", "value": "The server is busy."},
            }
        }
    ).encode()
    answer = requests.Response()
    answer.status_code, answer.reason, answer.url = 503, "Server Busy", request.url
    answer.headers.update(
        {
            "Content-Type": "application/json;odata=minimalmetadata;streaming=true;charset=utf-8",
            "x-ms-error-code": "ServerBusy",
            "Content-Length": str(len(body)),
        }
    )
    answer.raw = io.BytesIO(body)
    return RequestsTransportResponse(request, answer)


def _pipeline_of(client: Any, depth: int = 0) -> Pipeline[Any, Any]:
    """The azure-core pipeline inside an SDK client (generated clients nest it)."""
    for value in vars(client).values():
        if isinstance(value, Pipeline):
            return value
    if depth < 3:
        for name in ("_client", "_pipeline_client"):
            inner = vars(client).get(name)
            if inner is not None:
                return _pipeline_of(inner, depth + 1)
    raise LookupError(f"no pipeline in {client!r}")


def _transport_runner(pipeline: Pipeline[Any, Any]) -> Any:
    node = pipeline._impl_policies[-1]
    while getattr(node, "next", None) is not None:
        node = node.next
    return node
