"""API Gateway's proxy events as read-only views: the neutral HttpRequest read out of the
raw event, and the neutral HttpResponse written back in the event's own payload format.

Payload 2.0 (HTTP API) lower-cases header names, joins repeated ones with commas, sends cookies
apart, and decodes the path and its parameters. Payload 1.0 (REST API) keeps header names as
sent, lists repeated headers and query parameters, and leaves the path percent-encoded. Of a
repeated query parameter the last value counts, as in Starlette's `dict(query_params)`.
"""

from __future__ import annotations

import abc
import base64
from typing import Any
from urllib.parse import parse_qsl, unquote

from entrypoints.http.messages import HttpRequest, HttpResponse
from entrypoints.triggers import MalformedEvent, a_text, an_object

Event = Any  # whatever JSON the platform (or a direct invocation) sent


class GatewayEvent(abc.ABC):
    """What both payload versions share: `route_key`, the route the gateway matched (maybe one
    the table does not know, as `$default`); the request as one HttpRequest; the answer."""

    def __init__(self, raw: Event) -> None:
        self._raw = raw

    @property
    @abc.abstractmethod
    def route_key(self) -> str: ...

    @property
    def request(self) -> HttpRequest:
        return HttpRequest(
            self.method, self.path, self.path_params, self.query, self.headers, self.body
        )

    @property
    @abc.abstractmethod
    def method(self) -> str: ...

    @property
    @abc.abstractmethod
    def path(self) -> str: ...

    @property
    @abc.abstractmethod
    def path_params(self) -> dict[str, str]: ...

    @property
    @abc.abstractmethod
    def query(self) -> dict[str, str]: ...

    @property
    @abc.abstractmethod
    def headers(self) -> dict[str, str]: ...

    @property
    def body(self) -> bytes:
        body = self._raw.get("body") or ""
        if not isinstance(body, str):
            raise MalformedEvent("an API Gateway event's body is not text")
        if self._raw.get("isBase64Encoded"):
            return base64.b64decode(body, validate=True)
        return body.encode()

    @staticmethod
    def answer(response: HttpResponse) -> dict[str, Any]:
        """Text goes as it is; a body that is not UTF-8 goes in base64, which the gateway decodes."""
        try:
            body, encoded = response.body.decode("utf-8"), False
        except UnicodeDecodeError:
            body, encoded = base64.b64encode(response.body).decode("ascii"), True
        return {
            "statusCode": response.status,
            "headers": dict(response.headers),
            "body": body,
            "isBase64Encoded": encoded,
        }


class HttpApiEvent(GatewayEvent):
    """Payload 2.0, sent by an HTTP API (its `$default` stage: `rawPath` holds no stage name)."""

    @property
    def route_key(self) -> str:
        return str(self._raw["routeKey"])

    @property
    def method(self) -> str:
        return str(self._raw["requestContext"]["http"]["method"])

    @property
    def path(self) -> str:
        return str(self._raw["rawPath"])

    @property
    def path_params(self) -> dict[str, str]:
        return dict(self._raw.get("pathParameters") or {})

    @property
    def query(self) -> dict[str, str]:
        """From the raw query string: `queryStringParameters` joins repeated names with commas."""
        raw = self._raw.get("rawQueryString")
        return dict(parse_qsl(raw, keep_blank_values=True)) if raw else {}

    @property
    def headers(self) -> dict[str, str]:
        headers = dict(self._raw.get("headers") or {})
        if self._raw.get("cookies"):
            headers["cookie"] = "; ".join(self._raw["cookies"])
        return headers


class RestApiEvent(GatewayEvent):
    """Payload 1.0, sent by a REST API."""

    @property
    def route_key(self) -> str:
        return f"{self.method} {self._raw['resource']}"

    @property
    def method(self) -> str:
        return str(self._raw["httpMethod"])

    @property
    def path(self) -> str:
        return unquote(self._raw["path"])

    @property
    def path_params(self) -> dict[str, str]:
        return {name: unquote(value) for name, value in _items(self._raw, "pathParameters")}

    @property
    def query(self) -> dict[str, str]:
        repeated = _items(self._raw, "multiValueQueryStringParameters")
        found = {name: values[-1] for name, values in repeated if values}
        return found or dict(_items(self._raw, "queryStringParameters"))

    @property
    def headers(self) -> dict[str, str]:
        repeated = _items(self._raw, "multiValueHeaders")
        found = {name: ", ".join(values) for name, values in repeated if values}
        return found or dict(_items(self._raw, "headers"))


def _items(raw: Event, name: str) -> list[tuple[str, Any]]:
    """A mapping of the event as pairs; API Gateway sends null rather than {} when it is empty."""
    return list((raw.get(name) or {}).items())


def gateway_event(raw: Event) -> GatewayEvent:
    """The view of an API Gateway proxy event, checked: MalformedEvent for anything else."""
    event = an_object(raw, "an API Gateway event")
    if event.get("version") == "2.0":
        context = an_object(event.get("requestContext"), "an HTTP API event's requestContext")
        a_text(an_object(context.get("http"), "an HTTP API event's http"), "method", "the event")
        names: tuple[str, ...] = ("routeKey", "rawPath")
    else:
        names = ("httpMethod", "path", "resource")
    for name in names:
        a_text(event, name, "an API Gateway event")
    view = HttpApiEvent(event) if event.get("version") == "2.0" else RestApiEvent(event)
    _check_parts(view)
    return view


def _check_parts(view: GatewayEvent) -> None:
    """Headers, parameters and body of the shapes API Gateway sends (maps of strings, a body
    of text or valid base64), read once here so that no later read fails."""
    try:
        parts = (view.headers, view.query, view.path_params)
        if not all(all(isinstance(v, str) for v in part.values()) for part in parts):
            raise MalformedEvent("an API Gateway event's headers or parameters are not text")
        view.body  # noqa: B018 (decoding it is the check)
    except (TypeError, ValueError, AttributeError) as error:
        raise MalformedEvent(f"an API Gateway event's parts are malformed: {error}") from None
